package dev.rollcall.engine.sync.internal;

import dev.rollcall.connector.api.Checkpoint;
import dev.rollcall.connector.api.KnownRecords;
import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadMode;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.RecordError;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.UnchangedRecord;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.model.RosterEntity;
import dev.rollcall.engine.sync.DeadLetter;
import dev.rollcall.engine.sync.DeferredRecord;
import dev.rollcall.engine.sync.EntityStats;
import dev.rollcall.engine.sync.MassChangeReport;
import dev.rollcall.engine.sync.MatchedBy;
import dev.rollcall.engine.sync.NaturalKey;
import dev.rollcall.engine.sync.Operation;
import dev.rollcall.engine.sync.PageCommit;
import dev.rollcall.engine.sync.RunCompletion;
import dev.rollcall.engine.sync.RunContext;
import dev.rollcall.engine.sync.RunOutcome;
import dev.rollcall.engine.sync.RunState;
import dev.rollcall.engine.sync.StagedRecord;
import dev.rollcall.engine.sync.StreamPlan;
import dev.rollcall.engine.sync.StreamPosition;
import dev.rollcall.engine.sync.SyncMode;
import dev.rollcall.engine.sync.SyncSettings;
import dev.rollcall.engine.sync.SyncStats;
import dev.rollcall.engine.sync.SyncStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run, from its plan to its completion: streams pages, classifies and stages each record,
 * commits page by page with the checkpoint, resolves late references, guards against mass changes
 * and completes. Used once, from one thread.
 *
 * <p>An entity read in full gets a complete index (every record the store has, loaded once: the read
 * must find what it did not see); any other entity (a delta, a webhook run, an entity only referred
 * to) gets a partial one, filled page by page with the ids the page names. A first load (see {@link
 * SyncStore#firstLoad}) hands its new records to the store to apply with the page instead of staging
 * them; the mass-change guard does not hold it, since it applied pages already and had nothing to
 * protect.
 */
public final class RunExecution {

    private static final Logger log = LoggerFactory.getLogger(RunExecution.class);

    private final RunContext run;
    private final SyncStore store;
    private final SyncSettings settings;
    private final ConnectorReader reader;
    private final BooleanSupplier cancelled;
    private final TimeOrderedIds ids;
    private final Map<EntityType, RecordIndex> indexes = new EnumMap<>(EntityType.class);
    private final Set<EntityType> readInFull = java.util.EnumSet.noneOf(EntityType.class);
    private boolean applyPerPage;
    private final ExecutorService canonicaliser;
    private final ExecutorService readingAhead;
    private @Nullable Future<Page> firstPageAhead;
    private final ReferenceResolver resolver = new ReferenceResolver(this::index);
    private final List<DeferredRecord> deferred = new ArrayList<>();
    private SyncStats stats = SyncStats.EMPTY;

    public RunExecution(
            RunContext run,
            SyncStore store,
            SyncSettings settings,
            ConnectorReader reader,
            BooleanSupplier cancelled,
            TimeOrderedIds ids) {
        this.run = run;
        this.ids = ids;
        this.canonicaliser = Executors.newSingleThreadExecutor(Thread.ofPlatform()
                .daemon()
                .name("sync-canonical-" + run.sessionId())
                .factory());
        this.readingAhead = Executors.newSingleThreadExecutor(Thread.ofPlatform()
                .daemon()
                .name("sync-read-ahead-" + run.sessionId())
                .factory());
        this.store = store;
        this.settings = settings;
        this.reader = reader;
        this.cancelled = cancelled;
    }

    public RunOutcome execute(List<StreamPlan> plan) throws InterruptedException {
        try {
            store.started(run, "planning");
            stats = store.stats(run);
            for (StreamPlan stream : plan) {
                if (stream.mode() == ReadMode.FULL) {
                    readInFull.add(stream.entityType());
                }
            }
            applyPerPage = settings.firstLoadPerPage() && !run.dryRun() && store.firstLoad(run);
            restoreDeferred();
            for (int i = 0; i < plan.size(); i++) {
                if (cancelled.getAsBoolean()) {
                    return cancel();
                }
                readStream(plan.get(i), i + 1 < plan.size() ? plan.get(i + 1) : null);
            }
            resolveDeferred();
            return finish(plan);
        } catch (ConnectorReader.Cancelled e) {
            return cancel();
        } catch (ConnectorException e) {
            return fail(e.kind().name().toLowerCase(java.util.Locale.ROOT) + " failure: " + e.getMessage());
        } finally {
            canonicaliser.shutdownNow();
            readingAhead.shutdownNow(); // a page read ahead that no stream took: its read ends first
            if (!readingAhead.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                log.warn("session {}: a page read ahead did not end within a minute", run.sessionId());
            }
        }
    }

    private RecordIndex index(EntityType type) {
        return indexes.computeIfAbsent(type, key -> {
            if (!readInFull.contains(key)) {
                return RecordIndex.partial();
            }
            RecordIndex index = RecordIndex.complete();
            store.loadIndex(run, key, index::load);
            return index;
        });
    }

    /**
     * Makes the partial indexes hold what classifying the records needs: the records themselves in
     * full, and the local ids of every id they refer to (for demographics, their users'). One
     * look-up per entity for the records, then one per entity for the references still unknown.
     */
    private void lookUp(EntityType type, List<SourceRecord> records, CanonicalForms forms) {
        RecordIndex own = index(type);
        Set<String> wanted = new HashSet<>();
        Map<EntityType, Set<String>> referenced = new EnumMap<>(EntityType.class);
        BiConsumer<EntityType, String> refer = (target, id) ->
                referenced.computeIfAbsent(target, key -> new HashSet<>()).add(id);
        boolean references = ReferenceResolver.referencedTypes(type).stream()
                .anyMatch(target -> !index(target).isComplete());
        for (SourceRecord record : records) {
            if (own.needsLookup(record.externalId())) {
                wanted.add(record.externalId());
            }
            if (type == EntityType.DEMOGRAPHICS) {
                refer.accept(EntityType.USER, record.externalId());
            }
            if (references && record.entity() != null) {
                ReferenceResolver.references(
                        type, forms.peek(record, record.entity()).tree(), refer);
            }
        }
        if (!wanted.isEmpty()) {
            store.lookup(run, type, wanted, own::load);
            own.lookedUp(wanted);
        }
        referenced.forEach((target, externalIds) -> {
            RecordIndex index = index(target);
            externalIds.removeIf(externalId -> !index.needsReference(externalId));
            if (!externalIds.isEmpty()) {
                store.lookupLocalIds(run, target, externalIds, index::loadReference);
                index.lookedUpReferences(externalIds);
            }
        });
    }

    private void restoreDeferred() {
        List<DeferredRecord> restored = store.deferred(run);
        Map<EntityType, List<SourceRecord>> byType = new EnumMap<>(EntityType.class);
        restored.forEach(record -> byType.computeIfAbsent(record.entityType(), type -> new ArrayList<>())
                .add(toSourceRecord(record)));
        byType.forEach((type, records) -> lookUp(type, records, CanonicalForms.none()));
        for (DeferredRecord record : restored) {
            RecordIndex index = index(record.entityType());
            if (index.get(record.externalId()) == null && record.newMapping() != null) {
                index.reserve(record.externalId(), record.localId(), record.newMapping());
            }
            deferred.add(record);
        }
    }

    // --- reading -----------------------------------------------------------------------------------

    private void readStream(StreamPlan plan, @Nullable StreamPlan following)
            throws ConnectorException, ConnectorReader.Cancelled, InterruptedException {
        StreamPosition position = store.position(run, plan.stream());
        Future<Page> ahead = firstPageAhead;
        firstPageAhead = null;
        if (position.completed()) {
            return;
        }
        RecordIndex index = index(plan.entityType());
        for (EntityType referenced : ReferenceResolver.referencedTypes(plan.entityType())) {
            index(referenced);
        }
        boolean full = plan.mode() == ReadMode.FULL;
        if (full && position.pages() > 0) {
            store.seen(run, plan.stream(), index::markSeen);
        }
        log.info(
                "session {}: reading {} ({}) from page {}",
                run.sessionId(),
                plan.stream(),
                plan.reason(),
                position.pages() + 1);
        if (cancelled.getAsBoolean()) {
            throw new ConnectorReader.Cancelled();
        }
        // A stream read into an empty index stages nearly every record: its trees are made on the
        // worker. Otherwise nearly every record is unchanged and needs only its checksum.
        boolean withTrees = index.isComplete() && index.size() == 0;
        // Decided once per stream, like the trees: a first load's index fills as it goes, but none of
        // its records can be skipped, and the connector reads them in full in one pass.
        KnownRecords known = plan.mode() == ReadMode.FULL ? known(plan.entityType()) : null;
        Page page;
        if (ahead != null && position.pages() == 0 && position.checkpoint() == null) {
            page = awaitPage(ahead);
        } else {
            untaken(ahead); // the connector reads a stream from one thread at a time
            page = reader.read(request(plan, position.checkpoint(), known));
        }
        if (withTrees && page.totalCount() != null) {
            index.expect(page.totalCount()); // the index will hold every record the stream has
        }
        Future<CanonicalForms> pending = canonicalise(page, withTrees);
        while (true) {
            // Read the next page while the worker canonicalises this one, then canonicalise the next
            // while this one is classified and committed: at most two pages in memory besides the
            // one being committed.
            Page next = null;
            if (!page.last()) {
                if (cancelled.getAsBoolean()) {
                    throw new ConnectorReader.Cancelled();
                }
                next = reader.read(request(plan, page.next(), known));
            } else {
                readAhead(following);
            }
            CanonicalForms forms = await(pending);
            if (next != null) {
                pending = canonicalise(next, withTrees);
            }
            Batch batch = new Batch(plan.stream(), plan.entityType(), forms);
            lookUp(plan.entityType(), page.records(), forms);
            classifyPage(batch, page);
            if (page.last() && full) {
                stageUnseenAsDeleted(batch, index);
            }
            stats = stats.plus(plan.entityType(), batch.counts.toStats());
            store.commitPage(new PageCommit(
                    run,
                    plan.stream(),
                    batch.staged,
                    batch.applied,
                    batch.deferred,
                    batch.deadLetters,
                    full ? batch.seen : List.of(),
                    page.last() ? null : page.next(),
                    page.last(),
                    batch.highWatermark,
                    stats,
                    false,
                    "reading " + plan.stream()));
            deferred.addAll(batch.deferred);
            if (page.last()) {
                return;
            }
            page = java.util.Objects.requireNonNull(next);
        }
    }

    /**
     * Starts reading the first page of the stream that follows, while the last page of this one is
     * looked up, classified and committed: the connector may read different streams at once, and a
     * delta's streams are short, so each one's first page (an upstream query and a round trip) would
     * otherwise be waited for in turn. Only for a delta stream: its request needs nothing this run
     * has yet to learn (a full read's needs the entity's index). It is a stream not read before in
     * this session, since the streams are read in order; the stream takes the page only if its
     * position says so.
     */
    private void readAhead(@Nullable StreamPlan following) {
        if (following == null || following.mode() != ReadMode.DELTA || cancelled.getAsBoolean()) {
            return;
        }
        ReadRequest first = request(following, null, null);
        firstPageAhead = readingAhead.submit(() -> reader.read(first));
    }

    private static Page awaitPage(Future<Page> ahead)
            throws ConnectorException, ConnectorReader.Cancelled, InterruptedException {
        try {
            return ahead.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case ConnectorException failure -> throw failure;
                case ConnectorReader.Cancelled cancelledRead -> throw cancelledRead;
                case InterruptedException interrupted -> throw interrupted;
                case RuntimeException failure -> throw failure;
                case Error error -> throw error;
                default -> throw new IllegalStateException("reading a page ahead failed", e.getCause());
            }
        }
    }

    /** Waits for a page read ahead that the stream does not take; how that read ended is nobody's concern. */
    private static void untaken(@Nullable Future<Page> ahead) throws InterruptedException {
        if (ahead == null) {
            return;
        }
        try {
            ahead.get();
        } catch (ExecutionException e) {
            log.debug("a page read ahead and not taken failed: {}", e.getCause().toString());
        }
    }

    private ReadRequest request(StreamPlan plan, @Nullable Checkpoint checkpoint, @Nullable KnownRecords known) {
        return plan.mode() == ReadMode.FULL
                ? ReadRequest.full(plan.stream(), checkpoint, settings.pageSize())
                        .withKnown(known)
                : ReadRequest.delta(
                        plan.stream(), java.util.Objects.requireNonNull(plan.since()), checkpoint, settings.pageSize());
    }

    /**
     * What the store holds of the entity, for a connector that hashes each record's bytes: a record
     * it holds active with that very source hash is unchanged (the connector hands it back without
     * reading it in full). Only from a complete index that holds something, which answers without a
     * look-up; the connector asks on this thread, while it reads the next page.
     */
    private @Nullable KnownRecords known(EntityType type) {
        RecordIndex index = index(type);
        if (!index.isComplete() || index.size() == 0) {
            return null; // nothing to skip: the connector reads every record in full in one pass
        }
        return (externalId, sourceHash) -> {
            RecordIndex.Entry entry = index.get(externalId);
            return entry != null && entry.sameSource(sourceHash);
        };
    }

    private Future<CanonicalForms> canonicalise(Page page, boolean withTrees) {
        List<SourceRecord> records = page.records();
        return canonicaliser.submit(() -> CanonicalForms.of(records, withTrees));
    }

    private static CanonicalForms await(Future<CanonicalForms> forms) throws InterruptedException {
        try {
            return forms.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("canonicalising a page failed", e.getCause());
        }
    }

    private void classifyPage(Batch batch, Page page) {
        for (RecordError error : page.errors()) {
            batch.counts.read++;
            batch.counts.errors++;
            batch.deadLetters.add(new DeadLetter(
                    batch.stream,
                    batch.type,
                    error.externalId(),
                    "read",
                    "data",
                    null,
                    error.reason(),
                    error.payload(),
                    1));
        }
        for (UnchangedRecord record : page.unchanged()) {
            // Held by the store exactly as the upstream sent it: unchanged, and seen.
            batch.counts.read++;
            batch.counts.unchanged++;
            seen(batch, record.externalId(), record.sourceUpdatedAt());
        }
        Map<String, UUID> matches = naturalKeyMatches(batch.type, page.records());
        Set<UUID> claimed = new HashSet<>();
        for (SourceRecord record : page.records()) {
            batch.counts.read++;
            if (record.entityType() != batch.type) {
                batch.counts.errors++;
                batch.deadLetters.add(new DeadLetter(
                        batch.stream,
                        record.entityType(),
                        record.externalId(),
                        "read",
                        "data",
                        null,
                        "entityType: a " + record.entityType().collection() + " record in stream " + batch.stream
                                + ", which holds " + batch.type.collection(),
                        record.payload(),
                        1));
                continue;
            }
            seen(batch, record.externalId(), record.sourceUpdatedAt());
            classify(batch, record, matches, claimed);
        }
    }

    /** A record of the batch's entity was read: it is seen, and its timestamp may move the watermark. */
    private void seen(Batch batch, String externalId, @Nullable Instant sourceUpdatedAt) {
        if (sourceUpdatedAt != null && (batch.highWatermark == null || sourceUpdatedAt.isAfter(batch.highWatermark))) {
            batch.highWatermark = sourceUpdatedAt;
        }
        batch.seen.add(externalId);
        index(batch.type).markSeen(externalId);
    }

    private Map<String, UUID> naturalKeyMatches(EntityType type, List<SourceRecord> records) {
        Optional<NaturalKey> key = settings.naturalKey(type);
        if (key.isEmpty()) {
            return Map.of();
        }
        RecordIndex index = index(type);
        Set<String> values = new HashSet<>();
        for (SourceRecord record : records) {
            if (!record.deleted() && record.entity() != null && index.get(record.externalId()) == null) {
                String value = key.get().valueOf(record.entity());
                if (value != null) {
                    values.add(value);
                }
            }
        }
        return values.isEmpty() ? Map.of() : store.matchNaturalKeys(run, type, key.get(), values);
    }

    /** Classifies one record of the batch's entity: unchanged, staged (with its operation) or deferred. */
    private void classify(Batch batch, SourceRecord record, Map<String, UUID> matches, Set<UUID> claimed) {
        RecordIndex index = index(batch.type);
        RecordIndex.Entry entry = index.get(record.externalId());
        RosterEntity entity = record.entity();
        if (record.deleted()) {
            if (entry == null || !entry.known() || entry.deleted()) {
                batch.counts.unchanged++;
                return;
            }
            CanonicalForms.Form form = entity == null ? null : batch.forms.take(record, entity);
            Checksum checksum = form == null ? entry.checksum() : form.checksum();
            ObjectNode tree = null;
            if (form != null) {
                tree = form.tree();
                if (!resolver.resolve(batch.type, tree).isEmpty()) {
                    tree = null; // the store marks the stored record deleted as it is
                } else {
                    tree.put("sourcedId", entry.localId().toString());
                }
            }
            stage(batch, record, entry, Operation.DELETED, checksum, true, tree, null);
            batch.counts.deleted++;
            return;
        }
        RosterEntity present = java.util.Objects.requireNonNull(entity);
        CanonicalForms.Form form = batch.forms.take(record, present);
        Checksum checksum = form.checksum(); // of the record with its external references
        if (entry != null && entry.known() && !entry.deleted() && entry.sameChecksum(checksum)) {
            batch.counts.unchanged++;
            return;
        }
        ObjectNode tree = form.tree();
        if (entry == null) {
            entry = reserve(batch.type, record.externalId(), present, matches, claimed);
            if (entry == null) {
                defer(
                        batch,
                        record,
                        ids.next(),
                        null,
                        List.of("user: users '" + record.externalId()
                                + "' is not there (demographics share their user's id)"));
                return;
            }
        }
        List<String> missing = resolver.resolve(batch.type, tree);
        if (!missing.isEmpty()) {
            defer(batch, record, entry.localId(), entry.known() ? null : entry.pendingMapping(), missing);
            return;
        }
        tree.put("sourcedId", entry.localId().toString());
        Operation operation;
        MatchedBy newMapping = null;
        if (!entry.known()) {
            newMapping = entry.pendingMapping();
            operation = newMapping == MatchedBy.NATURAL_KEY ? Operation.UPDATED : Operation.CREATED;
            batch.counts.created++; // new to this integration, whether created or linked by natural key
        } else {
            operation = entry.deleted() ? Operation.UNDELETED : Operation.UPDATED;
            batch.counts.updated++;
        }
        stage(batch, record, entry, operation, checksum, false, tree, newMapping);
    }

    private RecordIndex.@Nullable Entry reserve(
            EntityType type, String externalId, RosterEntity entity, Map<String, UUID> matches, Set<UUID> claimed) {
        RecordIndex index = index(type);
        if (type == EntityType.DEMOGRAPHICS) {
            RecordIndex.Entry user = index(EntityType.USER).get(externalId);
            return user == null ? null : index.reserve(externalId, user.localId(), MatchedBy.CREATED);
        }
        Optional<NaturalKey> key = settings.naturalKey(type);
        if (key.isPresent()) {
            String value = key.get().valueOf(entity);
            UUID match = value == null ? null : matches.get(value);
            if (match != null && claimed.add(match)) {
                return index.reserve(externalId, match, MatchedBy.NATURAL_KEY);
            }
        }
        return index.reserve(externalId, ids.next(), MatchedBy.CREATED);
    }

    private void stage(
            Batch batch,
            SourceRecord record,
            RecordIndex.Entry entry,
            Operation operation,
            Checksum checksum,
            boolean deleted,
            @Nullable JsonNode tree,
            @Nullable MatchedBy newMapping) {
        StagedRecord change = new StagedRecord(
                batch.type,
                operation,
                record.externalId(),
                entry.localId(),
                checksum,
                deleted,
                tree,
                record.sourceUpdatedAt(),
                newMapping,
                record.sourceHash());
        if (applyPerPage && operation == Operation.CREATED && newMapping == MatchedBy.CREATED) {
            batch.applied.add(change);
        } else {
            batch.staged.add(change);
        }
        index(batch.type).staged(record.externalId(), entry, checksum, deleted, record.sourceHash());
    }

    private void defer(
            Batch batch, SourceRecord record, UUID localId, @Nullable MatchedBy newMapping, List<String> missing) {
        batch.deferred.add(new DeferredRecord(
                batch.type,
                batch.stream,
                record.externalId(),
                RosterJson.toTree(java.util.Objects.requireNonNull(record.entity())),
                record.payload(),
                record.sourceUpdatedAt(),
                localId,
                newMapping,
                missing));
    }

    private void stageUnseenAsDeleted(Batch batch, RecordIndex index) {
        List<Map.Entry<String, RecordIndex.Entry>> unseen = new ArrayList<>();
        index.forEachUnseenActive((externalId, entry) -> unseen.add(Map.entry(externalId, entry)));
        for (Map.Entry<String, RecordIndex.Entry> gone : unseen) {
            RecordIndex.Entry entry = gone.getValue();
            batch.staged.add(new StagedRecord(
                    batch.type,
                    Operation.DELETED,
                    gone.getKey(),
                    entry.localId(),
                    entry.checksum(),
                    true,
                    null,
                    null,
                    null,
                    null));
            index.staged(gone.getKey(), entry, entry.checksum(), true, null);
            batch.counts.deleted++;
        }
    }

    // --- the end of the run ------------------------------------------------------------------------

    /** Tries the deferred records again now that every stream is read; what still fails is dead-lettered. */
    private void resolveDeferred() {
        if (deferred.isEmpty()) {
            return;
        }
        store.started(run, "resolving references");
        Map<EntityType, Batch> batches = new LinkedHashMap<>();
        List<DeferredRecord> pending = new ArrayList<>(deferred);
        pending.sort(Comparator.comparing(record -> record.entityType().ordinal()));
        Map<EntityType, List<SourceRecord>> byType = new EnumMap<>(EntityType.class);
        pending.forEach(record -> byType.computeIfAbsent(record.entityType(), type -> new ArrayList<>())
                .add(toSourceRecord(record)));
        byType.forEach((type, records) -> lookUp(type, records, CanonicalForms.none()));
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            List<DeferredRecord> still = new ArrayList<>();
            for (DeferredRecord record : pending) {
                Batch batch = batches.computeIfAbsent(
                        record.entityType(), type -> new Batch(record.stream(), type, CanonicalForms.none()));
                int before = batch.deferred.size();
                classify(batch, toSourceRecord(record), Map.of(), new HashSet<>());
                if (batch.deferred.size() > before) {
                    batch.deferred.removeLast();
                    still.add(record);
                } else {
                    progress = true;
                }
            }
            pending = still;
        }
        List<StagedRecord> staged = new ArrayList<>();
        List<StagedRecord> applied = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (Batch batch : batches.values()) {
            staged.addAll(batch.staged);
            applied.addAll(batch.applied);
            stats = stats.plus(batch.type, batch.counts.toStats());
        }
        for (DeferredRecord record : pending) {
            deadLetters.add(new DeadLetter(
                    record.stream(),
                    record.entityType(),
                    record.externalId(),
                    "resolve",
                    "reference",
                    null,
                    "unresolved references at the end of the run: " + String.join("; ", record.missing()),
                    record.payload(),
                    1));
            stats = stats.plus(record.entityType(), new EntityStats(0, 0, 0, 0, 0, 1));
        }
        store.commitPage(new PageCommit(
                run,
                null,
                staged,
                applied,
                List.of(),
                deadLetters,
                List.of(),
                null,
                false,
                null,
                stats,
                true,
                "resolving references"));
        deferred.clear();
    }

    private static SourceRecord toSourceRecord(DeferredRecord record) {
        RosterEntity entity = RosterJson.read(record.entityType(), record.entity());
        return new SourceRecord(
                record.externalId(), record.entityType(), record.sourceUpdatedAt(), entity, record.payload(), false);
    }

    private RunOutcome finish(List<StreamPlan> plan) {
        Map<EntityType, Long> active = new EnumMap<>(EntityType.class);
        Map<EntityType, Long> toCount = new EnumMap<>(EntityType.class);
        for (StreamPlan stream : plan) {
            RecordIndex index = index(stream.entityType());
            if (index.isComplete()) {
                active.put(stream.entityType(), index.activeInRoster());
            } else {
                toCount.put(stream.entityType(), guardBase(stream.entityType()));
            }
        }
        Function<Map<EntityType, Long>, MassChangeReport> guard = counted -> {
            Map<EntityType, Long> bases = new EnumMap<>(active);
            bases.putAll(counted);
            return MassChangeGuard.evaluate(stats, bases, settings);
        };
        if (run.dryRun() || run.mode() == SyncMode.WEBHOOK || applyPerPage) {
            // a dry run applies nothing; a webhook run or a first load is never held: applied with the finding
            MassChangeReport report = guard.apply(store.activeRecords(run, toCount));
            boolean apply = !run.dryRun();
            store.complete(new RunCompletion(run, RunState.SUCCEEDED, apply, apply, stats, null, report));
            return new RunOutcome(RunState.SUCCEEDED, stats, null, report);
        }
        // The store may count the bases while it applies (in one call), and roll back if held.
        MassChangeReport report = store.applyUnlessHeld(run, stats, toCount, guard);
        if (report.held()) {
            String reason = "held by the mass-change guard: " + report.summary();
            store.complete(new RunCompletion(run, RunState.HELD, false, false, stats, reason, report));
            log.warn("session {}: {}", run.sessionId(), reason);
            return new RunOutcome(RunState.HELD, stats, reason, report);
        }
        return new RunOutcome(RunState.SUCCEEDED, stats, null, report);
    }

    /**
     * The fewest active records under which the entity's changes so far would be too many: a count
     * that reaches it decides the guard (not exceeded), so counting further is waste.
     */
    private long guardBase(EntityType type) {
        long changed = stats.of(type).changedOrDeleted();
        return (long) Math.floor(changed / settings.massChangeShare()) + 1;
    }

    private RunOutcome cancel() {
        store.complete(new RunCompletion(run, RunState.CANCELLED, false, true, stats, "cancelled", null));
        return new RunOutcome(RunState.CANCELLED, stats, "cancelled", null);
    }

    private RunOutcome fail(String reason) {
        log.warn("session {} failed: {}", run.sessionId(), reason);
        store.complete(new RunCompletion(run, RunState.FAILED, false, true, stats, reason, null));
        return new RunOutcome(RunState.FAILED, stats, reason, null);
    }

    /** What one page (or the end-of-run pass over one entity) produced. */
    private static final class Batch {
        final String stream;
        final EntityType type;
        final List<StagedRecord> staged = new ArrayList<>();
        final List<StagedRecord> applied = new ArrayList<>();
        final List<DeferredRecord> deferred = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        final List<String> seen = new ArrayList<>();
        final Counts counts = new Counts();
        final CanonicalForms forms;

        @Nullable
        Instant highWatermark;

        Batch(String stream, EntityType type, CanonicalForms forms) {
            this.stream = stream;
            this.type = type;
            this.forms = forms;
        }
    }

    private static final class Counts {
        long read;
        long created;
        long updated;
        long unchanged;
        long deleted;
        long errors;

        EntityStats toStats() {
            return new EntityStats(read, created, updated, unchanged, deleted, errors);
        }
    }
}
