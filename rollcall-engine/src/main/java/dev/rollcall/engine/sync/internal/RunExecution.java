package dev.rollcall.engine.sync.internal;

import dev.rollcall.connector.api.Checkpoint;
import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadMode;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.RecordError;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.json.CanonicalJson;
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
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run, from its plan to its completion: streams pages, classifies and stages each record,
 * commits page by page with the checkpoint, resolves late references, guards against mass changes
 * and completes. Used once, from one thread.
 */
public final class RunExecution {

    private static final Logger log = LoggerFactory.getLogger(RunExecution.class);

    private final RunContext run;
    private final SyncStore store;
    private final SyncSettings settings;
    private final ConnectorReader reader;
    private final BooleanSupplier cancelled;
    private final Map<EntityType, RecordIndex> indexes = new EnumMap<>(EntityType.class);
    private final ReferenceResolver resolver = new ReferenceResolver(this::index);
    private final List<DeferredRecord> deferred = new ArrayList<>();
    private SyncStats stats = SyncStats.EMPTY;

    public RunExecution(
            RunContext run, SyncStore store, SyncSettings settings, ConnectorReader reader, BooleanSupplier cancelled) {
        this.run = run;
        this.store = store;
        this.settings = settings;
        this.reader = reader;
        this.cancelled = cancelled;
    }

    public RunOutcome execute(List<StreamPlan> plan) throws InterruptedException {
        store.started(run, "planning");
        stats = store.stats(run);
        restoreDeferred();
        try {
            for (StreamPlan stream : plan) {
                if (cancelled.getAsBoolean()) {
                    return cancel();
                }
                readStream(stream);
            }
            resolveDeferred();
            return finish(plan);
        } catch (ConnectorReader.Cancelled e) {
            return cancel();
        } catch (ConnectorException e) {
            return fail(e.kind().name().toLowerCase(java.util.Locale.ROOT) + " failure: " + e.getMessage());
        }
    }

    private RecordIndex index(EntityType type) {
        return indexes.computeIfAbsent(type, key -> {
            RecordIndex index = new RecordIndex();
            store.loadIndex(run, key, index::load);
            return index;
        });
    }

    private void restoreDeferred() {
        for (DeferredRecord record : store.deferred(run)) {
            RecordIndex index = index(record.entityType());
            if (index.get(record.externalId()) == null && record.newMapping() != null) {
                index.reserve(record.externalId(), record.localId(), record.newMapping());
            }
            deferred.add(record);
        }
    }

    // --- reading -----------------------------------------------------------------------------------

    private void readStream(StreamPlan plan)
            throws ConnectorException, ConnectorReader.Cancelled, InterruptedException {
        StreamPosition position = store.position(run, plan.stream());
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
        Checkpoint checkpoint = position.checkpoint();
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new ConnectorReader.Cancelled();
            }
            ReadRequest request = full
                    ? ReadRequest.full(plan.stream(), checkpoint, settings.pageSize())
                    : ReadRequest.delta(
                            plan.stream(),
                            java.util.Objects.requireNonNull(plan.since()),
                            checkpoint,
                            settings.pageSize());
            Page page = reader.read(request);
            Batch batch = new Batch(plan.stream(), plan.entityType());
            classifyPage(batch, page);
            if (page.last() && full) {
                stageUnseenAsDeleted(batch, index);
            }
            stats = stats.plus(plan.entityType(), batch.counts.toStats());
            store.commitPage(new PageCommit(
                    run,
                    plan.stream(),
                    batch.staged,
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
            checkpoint = page.next();
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
            if (record.sourceUpdatedAt() != null
                    && (batch.highWatermark == null || record.sourceUpdatedAt().isAfter(batch.highWatermark))) {
                batch.highWatermark = record.sourceUpdatedAt();
            }
            batch.seen.add(record.externalId());
            index(batch.type).markSeen(record.externalId());
            classify(batch, record, matches, claimed);
        }
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
            Checksum checksum = entity == null ? entry.checksum() : CanonicalJson.checksum(entity);
            ObjectNode tree = null;
            if (entity != null) {
                tree = (ObjectNode) RosterJson.toTree(entity);
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
        Checksum checksum = CanonicalJson.checksum(present);
        if (entry != null && entry.known() && !entry.deleted() && entry.sameChecksum(checksum)) {
            batch.counts.unchanged++;
            return;
        }
        if (entry == null) {
            entry = reserve(batch.type, record.externalId(), present, matches, claimed);
            if (entry == null) {
                defer(
                        batch,
                        record,
                        UUID.randomUUID(),
                        null,
                        List.of("user: users '" + record.externalId()
                                + "' is not there (demographics share their user's id)"));
                return;
            }
        }
        ObjectNode tree = (ObjectNode) RosterJson.toTree(present);
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
        return index.reserve(externalId, UUID.randomUUID(), MatchedBy.CREATED);
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
        batch.staged.add(new StagedRecord(
                batch.type,
                operation,
                record.externalId(),
                entry.localId(),
                checksum,
                deleted,
                tree,
                record.payload(),
                record.sourceUpdatedAt(),
                newMapping));
        index(batch.type).staged(record.externalId(), entry, checksum, deleted);
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
            index.staged(gone.getKey(), entry, entry.checksum(), true);
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
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            List<DeferredRecord> still = new ArrayList<>();
            for (DeferredRecord record : pending) {
                Batch batch = batches.computeIfAbsent(record.entityType(), type -> new Batch(record.stream(), type));
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
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (Batch batch : batches.values()) {
            staged.addAll(batch.staged);
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
        for (StreamPlan stream : plan) {
            active.put(stream.entityType(), index(stream.entityType()).activeInRoster());
        }
        MassChangeReport guard = MassChangeGuard.evaluate(stats, active, settings);
        if (run.dryRun()) {
            store.complete(new RunCompletion(run, RunState.SUCCEEDED, false, false, stats, null, guard));
            return new RunOutcome(RunState.SUCCEEDED, stats, null, guard);
        }
        if (guard.held() && run.mode() != SyncMode.WEBHOOK) {
            String reason = "held by the mass-change guard: " + guard.summary();
            store.complete(new RunCompletion(run, RunState.HELD, false, false, stats, reason, guard));
            log.warn("session {}: {}", run.sessionId(), reason);
            return new RunOutcome(RunState.HELD, stats, reason, guard);
        }
        store.complete(new RunCompletion(run, RunState.SUCCEEDED, true, true, stats, null, guard));
        return new RunOutcome(RunState.SUCCEEDED, stats, null, guard);
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
        final List<DeferredRecord> deferred = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        final List<String> seen = new ArrayList<>();
        final Counts counts = new Counts();

        @Nullable
        Instant highWatermark;

        Batch(String stream, EntityType type) {
            this.stream = stream;
            this.type = type;
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
