package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.connector.api.model.EntityType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The storage port in memory, with the semantics the PostgreSQL store has: each commit is atomic
 * (a simulated crash before it leaves nothing), staged changes reach the roster only on completion
 * with apply, a record staged twice in one session keeps its first operation when that was a create.
 */
final class InMemorySyncStore implements SyncStore {

    /** A kill -9 in the middle of a run: an Error, which the engine does not catch. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    record Row(
            UUID id,
            Checksum checksum,
            boolean deleted,
            JsonNode record,
            @Nullable Checksum sourceHash) {}

    record Mapping(UUID integrationId, EntityType type, String externalId, UUID localId, String matchedBy) {}

    record Journal(EntityType type, UUID localId, Operation operation, UUID sessionId) {}

    private record Key(EntityType type, String externalId) {}

    private record StreamKey(UUID sessionId, String stream) {}

    final Map<EntityType, Map<UUID, Row>> roster = new HashMap<>();
    final List<Mapping> mappings = new ArrayList<>();
    final List<Journal> journal = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final Map<UUID, RunState> states = new HashMap<>();
    final Map<UUID, String> errors = new HashMap<>();
    final Map<UUID, MassChangeReport> guards = new HashMap<>();
    final List<String> stages = new ArrayList<>();
    private final Map<UUID, LinkedHashMap<Key, StagedRecord>> staged = new HashMap<>();
    private final Map<UUID, LinkedHashMap<Key, DeferredRecord>> deferred = new HashMap<>();
    private final Map<StreamKey, StreamPosition> positions = new HashMap<>();
    private final Map<StreamKey, List<String>> seen = new HashMap<>();
    private final Map<StreamKey, Instant> highWatermarks = new HashMap<>();
    private final Map<UUID, SyncStats> stats = new HashMap<>();
    private final Map<String, Instant> watermarks = new HashMap<>();
    private final Map<UUID, Boolean> firstLoads = new HashMap<>();
    int commits;
    int crashAtCommit = -1;
    int lookups;
    final List<EntityType> indexLoads = new ArrayList<>();

    // --- the port ----------------------------------------------------------------------------------

    @Override
    public void loadIndex(RunContext run, EntityType type, Consumer<StoredRecord> sink) {
        indexLoads.add(type);
        records(run, type, sink);
    }

    private void records(RunContext run, EntityType type, Consumer<StoredRecord> sink) {
        Map<String, StoredRecord> records = new LinkedHashMap<>();
        for (Mapping mapping : mappings) {
            if (mapping.integrationId().equals(run.integrationId()) && mapping.type() == type) {
                Row row = rows(type).get(mapping.localId());
                if (row != null) {
                    records.put(
                            mapping.externalId(),
                            new StoredRecord(
                                    mapping.externalId(),
                                    row.id(),
                                    row.checksum(),
                                    row.deleted(),
                                    !row.deleted(),
                                    row.sourceHash()));
                }
            }
        }
        staged.getOrDefault(run.sessionId(), new LinkedHashMap<>()).forEach((key, change) -> {
            if (key.type() == type) {
                Row row = rows(type).get(change.localId());
                boolean active = row != null && !row.deleted() && records.containsKey(key.externalId());
                records.put(
                        key.externalId(),
                        new StoredRecord(
                                key.externalId(),
                                change.localId(),
                                change.checksum(),
                                change.deleted(),
                                active,
                                change.sourceHash()));
            }
        });
        records.values().forEach(sink);
    }

    @Override
    public void lookup(RunContext run, EntityType type, Collection<String> externalIds, Consumer<StoredRecord> sink) {
        Set<String> wanted = new HashSet<>(externalIds);
        lookups++;
        records(run, type, record -> {
            if (wanted.contains(record.externalId())) {
                sink.accept(record);
            }
        });
    }

    @Override
    public long activeRecords(RunContext run, EntityType type, long atMost) {
        long[] active = {0};
        records(run, type, record -> active[0] += record.activeInRoster() ? 1 : 0);
        return Math.min(active[0], atMost);
    }

    @Override
    public boolean firstLoad(RunContext run) {
        return firstLoads.computeIfAbsent(run.sessionId(), session -> mappings.stream()
                .noneMatch(m -> m.integrationId().equals(run.integrationId())));
    }

    @Override
    public Map<String, UUID> matchNaturalKeys(
            RunContext run, EntityType type, NaturalKey key, Collection<String> values) {
        Set<UUID> claimed = new HashSet<>();
        mappings.stream()
                .filter(m -> m.integrationId().equals(run.integrationId()) && m.type() == type)
                .forEach(m -> claimed.add(m.localId()));
        staged.getOrDefault(run.sessionId(), new LinkedHashMap<>()).values().stream()
                .filter(s -> s.entityType() == type && s.newMapping() != null)
                .forEach(s -> claimed.add(s.localId()));
        Map<String, UUID> found = new HashMap<>();
        for (Row row : rows(type).values()) {
            String field =
                    switch (key) {
                        case EMAIL -> "email";
                        case IDENTIFIER -> "identifier";
                        case USER_MASTER_IDENTIFIER -> "userMasterIdentifier";
                    };
            String value = row.record().path(field).asString(null);
            if (value == null) {
                continue;
            }
            String normalised = key == NaturalKey.EMAIL ? value.toLowerCase(java.util.Locale.ROOT) : value;
            if (values.contains(normalised) && !claimed.contains(row.id())) {
                found.put(normalised, row.id());
            }
        }
        return found;
    }

    @Override
    public StreamPosition position(RunContext run, String stream) {
        return positions.getOrDefault(new StreamKey(run.sessionId(), stream), StreamPosition.START);
    }

    @Override
    public void seen(RunContext run, String stream, Consumer<String> sink) {
        seen.getOrDefault(new StreamKey(run.sessionId(), stream), List.of()).forEach(sink);
    }

    @Override
    public List<DeferredRecord> deferred(RunContext run) {
        return List.copyOf(
                deferred.getOrDefault(run.sessionId(), new LinkedHashMap<>()).values());
    }

    @Override
    public SyncStats stats(RunContext run) {
        return stats.getOrDefault(run.sessionId(), SyncStats.EMPTY);
    }

    @Override
    public Optional<Instant> watermark(RunContext run, String stream) {
        return Optional.ofNullable(watermarks.get(run.integrationId() + "/" + stream));
    }

    @Override
    public void started(RunContext run, String stage) {
        states.put(run.sessionId(), RunState.RUNNING);
        stages.add(stage);
    }

    @Override
    public void commitPage(PageCommit commit) {
        if (++commits == crashAtCommit) {
            throw new SimulatedCrash();
        }
        UUID session = commit.run().sessionId();
        commit.applied().forEach(change -> apply(commit.run(), change));
        LinkedHashMap<Key, StagedRecord> sessionStaged = staged.computeIfAbsent(session, s -> new LinkedHashMap<>());
        for (StagedRecord change : commit.staged()) {
            sessionStaged.merge(new Key(change.entityType(), change.externalId()), change, InMemorySyncStore::merge);
        }
        LinkedHashMap<Key, DeferredRecord> sessionDeferred =
                deferred.computeIfAbsent(session, s -> new LinkedHashMap<>());
        if (commit.clearDeferred()) {
            sessionDeferred.clear();
        }
        commit.deferred()
                .forEach(record -> sessionDeferred.put(new Key(record.entityType(), record.externalId()), record));
        deadLetters.addAll(commit.deadLetters());
        if (commit.stream() != null) {
            StreamKey key = new StreamKey(session, commit.stream());
            StreamPosition before = positions.getOrDefault(key, StreamPosition.START);
            positions.put(key, new StreamPosition(commit.checkpoint(), before.pages() + 1, commit.streamCompleted()));
            seen.computeIfAbsent(key, k -> new ArrayList<>()).addAll(commit.seen());
            if (commit.highWatermark() != null) {
                highWatermarks.merge(key, commit.highWatermark(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        stats.put(session, commit.stats());
        stages.add(commit.stage());
    }

    /** Drops the stored source hash of one record, as a store does when another path writes it. */
    void forgetSourceHash(UUID integrationId, EntityType type, String externalId) {
        UUID id = localId(integrationId, type, externalId);
        Row row = rows(type).get(id);
        rows(type).put(id, new Row(row.id(), row.checksum(), row.deleted(), row.record(), null));
    }

    static StagedRecord merge(StagedRecord first, StagedRecord second) {
        Operation operation = first.operation() == Operation.CREATED ? Operation.CREATED : second.operation();
        MatchedBy mapping = first.newMapping() != null ? first.newMapping() : second.newMapping();
        JsonNode record = second.record() != null ? second.record() : first.record();
        return new StagedRecord(
                second.entityType(),
                operation,
                second.externalId(),
                second.localId(),
                second.checksum(),
                second.deleted(),
                record,
                second.sourceUpdatedAt(),
                mapping,
                second.sourceHash());
    }

    @Override
    public void complete(RunCompletion completion) {
        UUID session = completion.run().sessionId();
        if (completion.apply()) {
            List<StagedRecord> changes = new ArrayList<>(
                    staged.getOrDefault(session, new LinkedHashMap<>()).values());
            changes.sort(Comparator.comparing(change -> change.entityType().ordinal()));
            for (StagedRecord change : changes) {
                apply(completion.run(), change);
            }
            highWatermarks.forEach((key, value) -> {
                if (key.sessionId().equals(session)) {
                    watermarks.merge(
                            completion.run().integrationId() + "/" + key.stream(),
                            value,
                            (a, b) -> a.isAfter(b) ? a : b);
                }
            });
        }
        if (completion.discard()) {
            staged.remove(session);
            deferred.remove(session);
        }
        states.put(session, completion.state());
        stats.put(session, completion.stats());
        if (completion.error() != null) {
            errors.put(session, completion.error());
        }
        if (completion.guard() != null) {
            guards.put(session, completion.guard());
        }
    }

    private void apply(RunContext run, StagedRecord change) {
        Map<UUID, Row> rows = rows(change.entityType());
        Row before = rows.get(change.localId());
        JsonNode record = change.record();
        if (record == null) {
            record = before == null
                    ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    : before.record();
        }
        if (change.deleted()) {
            record = ((ObjectNode) record.deepCopy()).put("status", "tobedeleted");
        }
        rows.put(
                change.localId(),
                new Row(change.localId(), change.checksum(), change.deleted(), record, change.sourceHash()));
        if (change.newMapping() != null) {
            mappings.add(new Mapping(
                    run.integrationId(),
                    change.entityType(),
                    change.externalId(),
                    change.localId(),
                    change.newMapping().wireName()));
        }
        journal.add(new Journal(change.entityType(), change.localId(), change.operation(), run.sessionId()));
    }

    // --- what the tests look at --------------------------------------------------------------------

    Map<UUID, Row> rows(EntityType type) {
        return roster.computeIfAbsent(type, t -> new HashMap<>());
    }

    List<StagedRecord> staged(UUID session) {
        return List.copyOf(staged.getOrDefault(session, new LinkedHashMap<>()).values());
    }

    @Nullable
    UUID localId(UUID integration, EntityType type, String externalId) {
        return mappings.stream()
                .filter(m -> m.integrationId().equals(integration)
                        && m.type() == type
                        && m.externalId().equals(externalId))
                .map(Mapping::localId)
                .findFirst()
                .orElse(null);
    }

    Row row(UUID integration, EntityType type, String externalId) {
        UUID id = localId(integration, type, externalId);
        if (id == null) {
            throw new AssertionError("no mapping for " + type + " " + externalId);
        }
        return rows(type).get(id);
    }

    /** Every roster row as (type, external id of this integration) → (checksum, deleted), for comparing rosters. */
    Map<String, String> snapshot(UUID integration) {
        Map<String, String> snapshot = new java.util.TreeMap<>();
        for (Mapping mapping : mappings) {
            if (mapping.integrationId().equals(integration)) {
                Row row = rows(mapping.type()).get(mapping.localId());
                snapshot.put(
                        mapping.type() + "/" + mapping.externalId(),
                        row.checksum() + (row.deleted() ? " deleted" : ""));
            }
        }
        return snapshot;
    }

    Optional<Instant> watermark(UUID integration, String stream) {
        return Optional.ofNullable(watermarks.get(integration + "/" + stream));
    }
}
