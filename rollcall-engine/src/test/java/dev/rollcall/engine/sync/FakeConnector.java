package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.Capability;
import dev.rollcall.connector.api.CheckResult;
import dev.rollcall.connector.api.Checkpoint;
import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.ConnectorDescriptor;
import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadMode;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.RecordError;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.StreamSpec;
import dev.rollcall.connector.api.UnchangedRecord;
import dev.rollcall.connector.api.config.ConfigSpec;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.model.RosterEntity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An upstream in memory: one ordered list of records per entity, paged by offset (the checkpoint),
 * delta reads by {@code dateLastModified >= since} ordered by timestamp then id, like a OneRoster
 * server. Failures can be queued; every request is recorded.
 */
public final class FakeConnector implements Connector {

    final Map<EntityType, Map<String, RosterEntity>> upstream = new EnumMap<>(EntityType.class);
    final Map<EntityType, List<RecordError>> recordErrors = new EnumMap<>(EntityType.class);
    final Deque<ConnectorException> failures = new ArrayDeque<>();
    public final List<ReadRequest> requests = new ArrayList<>();
    /** Whether each record comes with a source hash (of its JSON bytes), and known ones come back unchanged. */
    boolean hashesRecords;
    /** The records handed back as unchanged, by external id, in the order read. */
    public final List<String> handedBackUnchanged = new ArrayList<>();

    public static ConnectorDescriptor descriptor() {
        List<StreamSpec> streams = new ArrayList<>();
        for (EntityType type : EntityType.values()) {
            streams.add(StreamSpec.of(type, ReadMode.FULL, ReadMode.DELTA));
        }
        return new ConnectorDescriptor(
                "fake",
                "Fake",
                "An upstream in memory",
                ConfigSpec.builder().build(),
                Set.of(Capability.FULL_READ, Capability.DELTA_READ),
                streams);
    }

    public FakeConnector put(RosterEntity... entities) {
        for (RosterEntity entity : entities) {
            upstream.computeIfAbsent(entity.entityType(), t -> new LinkedHashMap<>())
                    .put(entity.sourcedId(), entity);
        }
        return this;
    }

    /** Each record comes with a source hash (of its JSON bytes), and a record the store holds by it comes back unchanged. */
    public FakeConnector hashing() {
        hashesRecords = true;
        return this;
    }

    public FakeConnector remove(EntityType type, String sourcedId) {
        upstream.get(type).remove(sourcedId);
        return this;
    }

    @Override
    public CheckResult check() {
        return CheckResult.of(List.of());
    }

    @Override
    public Page read(ReadRequest request) throws ConnectorException {
        requests.add(request);
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
        EntityType type = EntityType.fromCollection(request.stream()).orElseThrow();
        List<RosterEntity> all =
                new ArrayList<>(upstream.getOrDefault(type, Map.of()).values());
        if (request.mode() == ReadMode.DELTA) {
            all.removeIf(entity -> entity.dateLastModified().isBefore(request.since()));
            all.sort(Comparator.comparing(RosterEntity::dateLastModified).thenComparing(RosterEntity::sourcedId));
        }
        int offset = request.checkpoint() == null
                ? 0
                : Integer.parseInt(request.checkpoint().value());
        int end = Math.min(all.size(), offset + request.pageSize());
        List<SourceRecord> records = new ArrayList<>();
        List<UnchangedRecord> unchanged = new ArrayList<>();
        for (RosterEntity entity : all.subList(offset, end)) {
            SourceRecord record = SourceRecord.of(entity, RosterJson.toTree(entity));
            if (hashesRecords) {
                Checksum hash = Checksum.of(RosterJson.mapper().writeValueAsBytes(entity));
                if (request.known() != null && request.known().unchanged(entity.sourcedId(), hash)) {
                    unchanged.add(new UnchangedRecord(entity.sourcedId(), entity.dateLastModified()));
                    handedBackUnchanged.add(entity.sourcedId());
                    continue;
                }
                record = record.withSourceHash(hash);
            }
            records.add(record);
        }
        List<RecordError> errors = offset == 0 ? recordErrors.getOrDefault(type, List.of()) : List.of();
        boolean last = end >= all.size();
        return new Page(
                records,
                errors,
                last ? null : new Checkpoint(Integer.toString(end)),
                last,
                (long) all.size(),
                unchanged);
    }

    @Override
    public Optional<SourceRecord> fetch(String stream, String externalId) {
        return Optional.empty();
    }

    @Override
    public void close() {}
}
