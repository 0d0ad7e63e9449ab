package dev.rollcall.store.postgres.sync;

import dev.rollcall.connector.api.Checkpoint;
import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.engine.sync.DeadLetter;
import dev.rollcall.engine.sync.DeferredRecord;
import dev.rollcall.engine.sync.EntityStats;
import dev.rollcall.engine.sync.MassChangeReport;
import dev.rollcall.engine.sync.MatchedBy;
import dev.rollcall.engine.sync.NaturalKey;
import dev.rollcall.engine.sync.PageCommit;
import dev.rollcall.engine.sync.RunCompletion;
import dev.rollcall.engine.sync.RunContext;
import dev.rollcall.engine.sync.RunState;
import dev.rollcall.engine.sync.StagedRecord;
import dev.rollcall.engine.sync.StoredRecord;
import dev.rollcall.engine.sync.StreamPosition;
import dev.rollcall.engine.sync.SyncMode;
import dev.rollcall.engine.sync.SyncStats;
import dev.rollcall.engine.sync.SyncStore;
import dev.rollcall.store.postgres.ChangeJournalLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
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
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine's {@link SyncStore} on PostgreSQL. A page's changes go into {@code sync_staged_change}
 * by COPY (straight in, or through a temporary table merged set-based with the rows the session
 * staged before, when it restages one) in the same transaction as its checkpoint, dead letters and
 * progress. Completion applies a session's staged changes to the roster set-based, per entity: one
 * statement writes the change-journal rows (with the changed fields and the records before) and the
 * roster upsert (with field provenance), then the deletes and the new mappings; then the watermarks
 * advance. A run the mass-change guard may hold counts the guard's bases while it applies ({@link
 * #applyUnlessHeld}). Unchanged records are never staged, so never written.
 *
 * <p>A first load's new records skip the staging: {@link FirstLoadCopy} COPYs them straight into the
 * roster, the ledger and the journal in the page's transaction, each journal entry pointing at its
 * roster row's record instead of copying it ({@code V8__journal_record_in_roster.sql}); the apply
 * never rewrites such entries: the entry of the row's next change carries the record before it
 * ({@code V11__journal_previous_record.sql}). Field provenance is compact (see
 * {@code V7__sync_speed.sql}): a new row carries its source once, in its {@code provenance_*}
 * columns, and {@code provenance} keeps an entry only for a field a later run changed. A run that
 * does not load a whole index looks up the ids on its pages ({@link #lookup}) through the ledger's
 * unique index, and the ids they refer to in the ledger alone ({@link #lookupLocalIds}).
 *
 * <p>Thread-safe: every call takes its own connection from the pool.
 */
public final class PostgresSyncStore implements SyncStore {

    private static final Logger log = LoggerFactory.getLogger(PostgresSyncStore.class);

    /** A first load that created this many records or more is followed by an ANALYZE of what it filled. */
    static final long ANALYZE_AFTER_CREATED = 10_000;

    /** A guard base this small is counted on the run's thread: a connection of its own costs more. */
    static final long COUNTED_INLINE = 1_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FETCH_SIZE = 10_000;

    private final DataSource dataSource;
    private final @Nullable MappingLookup mappings;

    public PostgresSyncStore(DataSource dataSource, @Nullable MappingLookup mappings) {
        this.dataSource = dataSource;
        this.mappings = mappings;
    }

    // --- sessions ----------------------------------------------------------------------------------

    /** Creates a queued session and returns its id. */
    public UUID createSession(
            UUID tenantId,
            UUID integrationId,
            SyncMode mode,
            List<String> streams,
            boolean dryRun,
            String requestedBy) {
        UUID id = UUID.randomUUID();
        transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into sync_session (id, tenant_id, integration_id, mode, streams, dry_run, state, requested_by)
                    values (?, ?, ?, ?, ?, ?, 'queued', ?)""")) {
                insert.setObject(1, id);
                insert.setObject(2, tenantId);
                insert.setObject(3, integrationId);
                insert.setString(4, mode.wireName());
                insert.setArray(5, connection.createArrayOf("text", streams.toArray()));
                insert.setBoolean(6, dryRun);
                insert.setString(7, requestedBy);
                insert.executeUpdate();
            }
            return null;
        });
        return id;
    }

    // --- the port: reads ---------------------------------------------------------------------------

    @Override
    public void loadIndex(RunContext run, EntityType type, Consumer<StoredRecord> sink) {
        index(run, type, null, sink);
    }

    @Override
    public void lookup(RunContext run, EntityType type, Collection<String> externalIds, Consumer<StoredRecord> sink) {
        if (!externalIds.isEmpty()) {
            index(run, type, externalIds, sink);
        }
    }

    /**
     * From the mapping ledger alone (and this session's staged new mappings), through its unique
     * index: the roster rows are not read. On the {@code large} benchmark's 1% delta, the users and
     * classes its enrollments refer to are about 15,000 of its look-ups.
     */
    @Override
    public void lookupLocalIds(
            RunContext run, EntityType type, Collection<String> externalIds, BiConsumer<String, UUID> sink) {
        if (externalIds.isEmpty()) {
            return;
        }
        String wireName = EntityTable.of(type).wireName;
        transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select m.external_id, m.local_id from id_mapping m
                    where m.integration_id = ? and m.entity_type = ? and m.valid_to is null and m.external_id = any(?)
                    union all
                    select s.external_id, s.local_id from sync_staged_change s
                    where s.session_id = ? and s.entity_type = ? and s.new_mapping is not null
                      and s.external_id = any(?)""")) {
                select.setFetchSize(FETCH_SIZE);
                java.sql.Array ids = connection.createArrayOf("text", externalIds.toArray());
                select.setObject(1, run.integrationId());
                select.setString(2, wireName);
                select.setArray(3, ids);
                select.setObject(4, run.sessionId());
                select.setString(5, wireName);
                select.setArray(6, ids);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(rows.getString(1), rows.getObject(2, UUID.class));
                    }
                }
            }
            return null;
        });
    }

    /** The index of the entity, or of the given external ids only (through the ledger's unique index). */
    private void index(
            RunContext run, EntityType type, @Nullable Collection<String> externalIds, Consumer<StoredRecord> sink) {
        EntityTable table = EntityTable.of(type);
        String only = externalIds == null ? "" : " and m.external_id = any(?)";
        String onlyStaged = externalIds == null ? "" : " and s.external_id = any(?)";
        String sql = """
                select m.external_id, m.local_id, coalesce(s.checksum, r.checksum), coalesce(s.deleted, r.status = 'tobedeleted'),
                       r.status = 'active', case when s.external_id is null then r.source_hash else s.source_hash end
                from id_mapping m
                join %1$s r on r.id = m.local_id
                left join sync_staged_change s
                       on s.session_id = ? and s.entity_type = m.entity_type and s.external_id = m.external_id
                where m.integration_id = ? and m.entity_type = ? and m.valid_to is null%2$s
                union all
                select s.external_id, s.local_id, s.checksum, s.deleted, false, s.source_hash
                from sync_staged_change s
                where s.session_id = ? and s.entity_type = ? and s.new_mapping is not null%3$s
                """.formatted(table.table, only, onlyStaged);
        transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setFetchSize(FETCH_SIZE);
                // binary results from the first execution: ids and checksums arrive as their 16
                // bytes instead of text to parse (a resync loads 1.2 million of each at the large scale)
                select.unwrap(PGStatement.class).setPrepareThreshold(-1);
                int i = 0;
                select.setObject(++i, run.sessionId());
                select.setObject(++i, run.integrationId());
                select.setString(++i, table.wireName);
                if (externalIds != null) {
                    select.setArray(++i, connection.createArrayOf("text", externalIds.toArray()));
                }
                select.setObject(++i, run.sessionId());
                select.setString(++i, table.wireName);
                if (externalIds != null) {
                    select.setArray(++i, connection.createArrayOf("text", externalIds.toArray()));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(new StoredRecord(
                                rows.getString(1),
                                rows.getObject(2, UUID.class),
                                Checksum.fromBytes(rows.getBytes(3)),
                                rows.getBoolean(4),
                                rows.getBoolean(5),
                                checksumOrNull(rows.getBytes(6))));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public long activeRecords(RunContext run, EntityType type, long atMost) {
        EntityTable table = EntityTable.of(type);
        return transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select count(*) from (
                        select 1 from id_mapping m join %s r on r.id = m.local_id
                        where m.integration_id = ? and m.entity_type = ? and m.valid_to is null and r.status = 'active'
                        limit ?) active
                    """.formatted(table.table))) {
                select.setObject(1, run.integrationId());
                select.setString(2, table.wireName);
                select.setLong(3, atMost);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /**
     * The guard's bases, each on its own connection and virtual thread, so that the entities with
     * many changes (whose counts go furthest: about 0.1 s for 45,000 enrollments) are counted at once
     * instead of one after the other; a base of a few records is counted on the calling thread.
     */
    @Override
    public Map<EntityType, Long> activeRecords(RunContext run, Map<EntityType, Long> atMost) {
        Map<EntityType, Long> counts = new EnumMap<>(EntityType.class);
        Map<EntityType, Future<Long>> counting = new EnumMap<>(EntityType.class);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            atMost.forEach((type, bound) -> {
                if (bound > COUNTED_INLINE) {
                    counting.put(type, executor.submit(() -> activeRecords(run, type, bound)));
                }
            });
            atMost.forEach((type, bound) -> {
                if (bound <= COUNTED_INLINE) {
                    counts.put(type, activeRecords(run, type, bound));
                }
            });
            for (Map.Entry<EntityType, Future<Long>> count : counting.entrySet()) {
                counts.put(count.getKey(), await(count.getValue()));
            }
        }
        return counts;
    }

    @Override
    public boolean firstLoad(RunContext run) {
        return transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update sync_session set first_load = coalesce(first_load, not exists (
                        select 1 from id_mapping where integration_id = ? and valid_to is null))
                    where id = ?
                    returning first_load""")) {
                update.setObject(1, run.integrationId());
                update.setObject(2, run.sessionId());
                try (ResultSet rows = update.executeQuery()) {
                    return rows.next() && rows.getBoolean(1);
                }
            }
        });
    }

    @Override
    public Map<String, UUID> matchNaturalKeys(
            RunContext run, EntityType type, NaturalKey key, Collection<String> values) {
        EntityTable table = EntityTable.of(type);
        String column =
                switch (key) {
                    case EMAIL -> "lower(r.email)";
                    case IDENTIFIER -> "r.identifier";
                    case USER_MASTER_IDENTIFIER -> "r.user_master_identifier";
                };
        String sql = """
                select distinct on (k) %1$s as k, r.id
                from %2$s r
                where r.tenant_id = ? and %1$s = any(?)
                  and not exists (select 1 from id_mapping m where m.integration_id = ? and m.entity_type = ?
                                  and m.local_id = r.id and m.valid_to is null)
                  and not exists (select 1 from sync_staged_change s where s.session_id = ? and s.entity_type = ?
                                  and s.local_id = r.id and s.new_mapping is not null)
                order by k, r.created_at, r.id
                """.formatted(column, table.table);
        return transaction(connection -> {
            Map<String, UUID> found = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setObject(1, run.tenantId());
                select.setArray(2, connection.createArrayOf("text", values.toArray()));
                select.setObject(3, run.integrationId());
                select.setString(4, table.wireName);
                select.setObject(5, run.sessionId());
                select.setString(6, table.wireName);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getString(1), rows.getObject(2, UUID.class));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public StreamPosition position(RunContext run, String stream) {
        return transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select checkpoint, pages, completed from sync_checkpoint where session_id = ? and stream = ?")) {
                select.setObject(1, run.sessionId());
                select.setString(2, stream);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return StreamPosition.START;
                    }
                    String checkpoint = rows.getString(1);
                    return new StreamPosition(
                            checkpoint == null ? null : new Checkpoint(checkpoint), rows.getInt(2), rows.getBoolean(3));
                }
            }
        });
    }

    @Override
    public void seen(RunContext run, String stream, Consumer<String> sink) {
        transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select unnest(external_ids) from sync_seen_page where session_id = ? and stream = ?")) {
                select.setFetchSize(FETCH_SIZE);
                select.setObject(1, run.sessionId());
                select.setString(2, stream);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(rows.getString(1));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public List<DeferredRecord> deferred(RunContext run) {
        return transaction(connection -> {
            List<DeferredRecord> records = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select entity_type, stream, external_id, entity::text, payload::text, source_updated_at, local_id,
                           new_mapping, missing
                    from sync_deferred_record where session_id = ?""")) {
                select.setObject(1, run.sessionId());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String mapping = rows.getString(8);
                        records.add(new DeferredRecord(
                                EntityTable.ofWireName(rows.getString(1)).type,
                                rows.getString(2),
                                rows.getString(3),
                                JSON.readTree(rows.getString(4)),
                                JSON.readTree(rows.getString(5)),
                                instant(rows.getTimestamp(6)),
                                rows.getObject(7, UUID.class),
                                mapping == null
                                        ? null
                                        : mapping.equals("created") ? MatchedBy.CREATED : MatchedBy.NATURAL_KEY,
                                List.of((String[]) rows.getArray(9).getArray())));
                    }
                }
            }
            return records;
        });
    }

    @Override
    public SyncStats stats(RunContext run) {
        return transaction(connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("select progress::text from sync_session where id = ?")) {
                select.setObject(1, run.sessionId());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? StatsJson.parse(rows.getString(1)) : SyncStats.EMPTY;
                }
            }
        });
    }

    @Override
    public Optional<Instant> watermark(RunContext run, String stream) {
        return transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select watermark from sync_watermark where integration_id = ? and stream = ?")) {
                select.setObject(1, run.integrationId());
                select.setString(2, stream);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.ofNullable(instant(rows.getTimestamp(1))) : Optional.empty();
                }
            }
        });
    }

    // --- the port: writes --------------------------------------------------------------------------

    @Override
    public void started(RunContext run, String stage) {
        transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update sync_session set state = 'running', stage = ?, started_at = coalesce(started_at, now())
                    where id = ?""")) {
                update.setString(1, stage);
                update.setObject(2, run.sessionId());
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void commitPage(PageCommit commit) {
        prepareCommit(commit).run();
    }

    /** Encodes a first load's new records for COPY; the rest of the page needs no preparing. */
    @Override
    public Runnable prepareCommit(PageCommit commit) {
        return prepareCommit(commit, () -> {});
    }

    /**
     * A first load's new roster rows and mappings go in before the predecessor is waited for (rows
     * that no other page writes and nothing reads before this page commits); the journal, the
     * staging, the checkpoint and the progress after it.
     */
    @Override
    public Runnable prepareCommit(PageCommit commit, Runnable afterPredecessor) {
        FirstLoadCopy applied =
                commit.applied().isEmpty() ? null : FirstLoadCopy.prepare(commit.run(), commit.applied());
        // the applied records' trees are encoded now: the transaction, which may wait for the page
        // before it, need not hold them (a first load's page of 3,000 records is megabytes of trees)
        PageCommit rest = commit.withoutApplied();
        return () -> commit(rest, applied, afterPredecessor);
    }

    private void commit(PageCommit commit, @Nullable FirstLoadCopy applied, Runnable afterPredecessor) {
        RunContext run = commit.run();
        transaction(connection -> {
            // a first load's rows and the staged changes are all the run's tenant's, integration's and
            // session's
            boolean checkedOnce =
                    (applied != null || !commit.staged().isEmpty()) && RunParents.checkOnce(connection, run);
            if (applied != null) {
                applied.applyRecords(connection);
            }
            afterPredecessor.run();
            if (applied != null) {
                applied.applyJournal(connection, run);
            }
            stage(connection, run, commit.staged());
            if (checkedOnce) {
                RunParents.checkEachRowAgain(connection);
            }
            if (commit.clearDeferred()) {
                execute(connection, "delete from sync_deferred_record where session_id = ?", run.sessionId());
            }
            defer(connection, run, commit.deferred());
            deadLetters(connection, run, commit.deadLetters());
            if (commit.stream() != null) {
                int page = checkpoint(connection, run, commit);
                if (!commit.seen().isEmpty()) {
                    try (PreparedStatement insert = connection.prepareStatement("""
                            insert into sync_seen_page (session_id, stream, page, tenant_id, external_ids)
                            values (?, ?, ?, ?, ?)""")) {
                        insert.setObject(1, run.sessionId());
                        insert.setString(2, commit.stream());
                        insert.setInt(3, page);
                        insert.setObject(4, run.tenantId());
                        insert.setArray(
                                5,
                                connection.createArrayOf("text", commit.seen().toArray()));
                        insert.executeUpdate();
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "update sync_session set progress = cast(? as jsonb), stage = ? where id = ?")) {
                update.setString(1, StatsJson.toJson(commit.stats()).toString());
                update.setString(2, commit.stage());
                update.setObject(3, run.sessionId());
                update.executeUpdate();
            }
            return null;
        });
    }

    private static void stage(Connection connection, RunContext run, List<StagedRecord> staged) throws SQLException {
        if (staged.isEmpty()) {
            return;
        }
        // One row per key: PostgreSQL's upsert refuses to touch a row twice in one statement.
        Map<String, StagedRecord> unique = new LinkedHashMap<>();
        for (StagedRecord record : staged) {
            unique.merge(record.entityType() + "\u0000" + record.externalId(), record, PostgresSyncStore::merge);
        }
        BinaryCopy copy = new BinaryCopy(12);
        byte[] session = BinaryCopy.encode(run.sessionId());
        byte[] tenant = BinaryCopy.encode(run.tenantId());
        for (StagedRecord record : unique.values()) {
            copy.encoded(session)
                    .text(EntityTable.of(record.entityType()).wireName)
                    .text(record.externalId())
                    .encoded(tenant)
                    .uuid(record.localId())
                    .text(record.operation().wireName())
                    .bytes(record.checksum().bytes())
                    .bool(record.deleted())
                    .jsonb(record.record())
                    .timestamp(record.sourceUpdatedAt())
                    .text(
                            record.newMapping() == null
                                    ? null
                                    : record.newMapping().wireName())
                    .bytes(bytesOrNull(record.sourceHash()))
                    .endRow();
        }
        String columns = " (session_id, entity_type, external_id, tenant_id, local_id, operation, checksum,"
                + " deleted, record, source_updated_at, new_mapping, source_hash)";
        // Nearly always none of the page's records was staged before in this session (only a record
        // read twice is): then they are copied straight into the staging table. On the large
        // benchmark's 1% delta, the temporary table and the merging upsert took 0.32 s of 11,000 records.
        if (!anyStaged(connection, run, unique.values())) {
            copy.copyInto(connection, "sync_staged_change" + columns);
            return;
        }
        try (var create = connection.createStatement()) {
            create.execute("create temporary table if not exists sync_staged_in"
                    + " (like sync_staged_change including defaults) on commit delete rows");
        }
        copy.copyInto(connection, "sync_staged_in" + columns);
        execute(connection, """
                insert into sync_staged_change as s
                select * from sync_staged_in
                on conflict (session_id, entity_type, external_id) do update set
                    local_id = excluded.local_id,
                    operation = case when s.operation = 'created' then 'created' else excluded.operation end,
                    checksum = excluded.checksum,
                    deleted = excluded.deleted,
                    record = coalesce(excluded.record, s.record),
                    source_updated_at = coalesce(excluded.source_updated_at, s.source_updated_at),
                    new_mapping = coalesce(s.new_mapping, excluded.new_mapping),
                    source_hash = excluded.source_hash""");
    }

    /**
     * Whether the session staged any of these records before (by entity and external id; a match
     * across entities only sends the page the slower way). The page before this one has committed:
     * commits stage in run order.
     */
    private static boolean anyStaged(Connection connection, RunContext run, Collection<StagedRecord> records)
            throws SQLException {
        Set<String> types = new HashSet<>();
        List<String> externalIds = new ArrayList<>(records.size());
        for (StagedRecord record : records) {
            types.add(EntityTable.of(record.entityType()).wireName);
            externalIds.add(record.externalId());
        }
        try (PreparedStatement select = connection.prepareStatement("""
                select exists (select 1 from sync_staged_change
                               where session_id = ? and entity_type = any(?) and external_id = any(?))""")) {
            select.setObject(1, run.sessionId());
            select.setArray(2, connection.createArrayOf("text", types.toArray()));
            select.setArray(3, connection.createArrayOf("text", externalIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private static @Nullable Checksum checksumOrNull(byte @Nullable [] bytes) {
        return bytes == null ? null : Checksum.fromBytes(bytes);
    }

    /** A source hash as its column's bytes; null when the record came without one. */
    static byte @Nullable [] bytesOrNull(@Nullable Checksum checksum) {
        return checksum == null ? null : checksum.bytes();
    }

    /** Two stagings of one record in one session: a create stays a create, the latest content wins. */
    static StagedRecord merge(StagedRecord first, StagedRecord second) {
        return new StagedRecord(
                second.entityType(),
                first.operation() == dev.rollcall.engine.sync.Operation.CREATED
                        ? dev.rollcall.engine.sync.Operation.CREATED
                        : second.operation(),
                second.externalId(),
                second.localId(),
                second.checksum(),
                second.deleted(),
                second.record() != null ? second.record() : first.record(),
                second.sourceUpdatedAt() != null ? second.sourceUpdatedAt() : first.sourceUpdatedAt(),
                first.newMapping() != null ? first.newMapping() : second.newMapping(),
                second.sourceHash()); // the hash goes with the checksum: the latest content's
    }

    private static void defer(Connection connection, RunContext run, List<DeferredRecord> deferred)
            throws SQLException {
        if (deferred.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into sync_deferred_record (session_id, entity_type, external_id, tenant_id, stream, entity,
                    payload, source_updated_at, local_id, new_mapping, missing)
                values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?)
                on conflict (session_id, entity_type, external_id) do update set
                    entity = excluded.entity, payload = excluded.payload,
                    source_updated_at = excluded.source_updated_at, missing = excluded.missing""")) {
            for (DeferredRecord record : deferred) {
                insert.setObject(1, run.sessionId());
                insert.setString(2, EntityTable.of(record.entityType()).wireName);
                insert.setString(3, record.externalId());
                insert.setObject(4, run.tenantId());
                insert.setString(5, record.stream());
                insert.setString(6, record.entity().toString());
                insert.setString(7, record.payload().toString());
                insert.setTimestamp(8, timestamp(record.sourceUpdatedAt()));
                insert.setObject(9, record.localId());
                insert.setString(
                        10,
                        record.newMapping() == null ? null : record.newMapping().wireName());
                insert.setArray(
                        11, connection.createArrayOf("text", record.missing().toArray()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void deadLetters(Connection connection, RunContext run, List<DeadLetter> letters)
            throws SQLException {
        if (letters.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into dead_letter (id, tenant_id, integration_id, session_id, source, stream, stage, external_id,
                    error_kind, error_class, error_message, payload, attempts)
                values (?, ?, ?, ?, 'sync', ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)""")) {
            for (DeadLetter letter : letters) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, run.tenantId());
                insert.setObject(3, run.integrationId());
                insert.setObject(4, run.sessionId());
                insert.setString(5, letter.stream());
                insert.setString(6, letter.stage());
                insert.setString(7, letter.externalId());
                insert.setString(8, letter.errorKind());
                insert.setString(9, letter.errorClass());
                insert.setString(10, letter.message());
                insert.setString(
                        11, letter.payload() == null ? null : letter.payload().toString());
                insert.setInt(12, letter.attempts());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Moves the stream's checkpoint; returns the number of the page just committed. */
    private static int checkpoint(Connection connection, RunContext run, PageCommit commit) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into sync_checkpoint as c (session_id, stream, tenant_id, checkpoint, pages, completed,
                    high_watermark, updated_at)
                values (?, ?, ?, ?, 1, ?, ?, now())
                on conflict (session_id, stream) do update set
                    checkpoint = excluded.checkpoint, pages = c.pages + 1, completed = excluded.completed,
                    high_watermark = greatest(c.high_watermark, excluded.high_watermark), updated_at = now()
                returning pages""")) {
            upsert.setObject(1, run.sessionId());
            upsert.setString(2, commit.stream());
            upsert.setObject(3, run.tenantId());
            upsert.setString(
                    4, commit.checkpoint() == null ? null : commit.checkpoint().value());
            upsert.setBoolean(5, commit.streamCompleted());
            upsert.setTimestamp(6, timestamp(commit.highWatermark()));
            try (ResultSet rows = upsert.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Override
    public void complete(RunCompletion completion) {
        complete(completion, completion::guard);
    }

    /**
     * Counts the guard's bases on connections of their own while this one applies, so that the
     * counts (about 0.2 s for the {@code large} benchmark's 1% delta, whose enrollments' base is
     * 50,000) take no time of their own. The counts read the roster as committed, before this apply.
     * A held run's apply is rolled back: it never commits, so no reader ever sees it.
     */
    @Override
    public MassChangeReport applyUnlessHeld(
            RunContext run,
            SyncStats stats,
            Map<EntityType, Long> toCount,
            Function<Map<EntityType, Long>, MassChangeReport> guard) {
        if (toCount.isEmpty()) {
            return SyncStore.super.applyUnlessHeld(run, stats, toCount, guard);
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<MassChangeReport> finding = executor.submit(() -> guard.apply(activeRecords(run, toCount)));
            try {
                complete(new RunCompletion(run, RunState.SUCCEEDED, true, true, stats, null, null), () -> {
                    MassChangeReport report = await(finding);
                    if (report.held()) {
                        throw new Held(report);
                    }
                    return report;
                });
                return await(finding);
            } catch (Held held) {
                return held.report;
            }
        }
    }

    /** A held run's apply, rolled back. */
    private static final class Held extends RuntimeException {
        final transient MassChangeReport report;

        Held(MassChangeReport report) {
            super("held by the mass-change guard", null, false, false);
            this.report = report;
        }
    }

    /** What a count of the guard's bases (or the finding from them) gave, or what it threw. */
    private static <T> T await(Future<T> counting) {
        try {
            return counting.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting the mass-change guard's bases", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * @param guard asked after the apply, before the session is finished and the transaction
     *     commits (which it does not when the guard throws); its finding is the session's guard
     */
    private void complete(RunCompletion completion, Supplier<@Nullable MassChangeReport> guard) {
        RunContext run = completion.run();
        transaction(connection -> {
            if (completion.apply()) {
                // journal seqs of a tenant are allocated in commit order (see ChangeJournalLock)
                ChangeJournalLock.acquire(connection, run.tenantId());
                Timestamp now = currentTime(connection);
                String provenance = JSON.createObjectNode()
                        .put("integration", run.integrationId().toString())
                        .put("session", run.sessionId().toString())
                        .put("at", now.toInstant().toString())
                        .put("policy", "source-wins")
                        .toString();
                // every row the apply writes is the run's tenant's, integration's and session's
                boolean checkedOnce = RunParents.checkOnce(connection, run);
                for (EntityTable table : EntityTable.values()) {
                    apply(connection, run, table, now, provenance);
                }
                if (checkedOnce) {
                    RunParents.checkEachRowAgain(connection);
                }
                if (run.mode() != SyncMode.WEBHOOK) { // webhook events must not move the delta watermark
                    advanceWatermarks(connection, run);
                }
            }
            if (completion.discard()) {
                execute(connection, "delete from sync_staged_change where session_id = ?", run.sessionId());
            }
            execute(connection, "delete from sync_deferred_record where session_id = ?", run.sessionId());
            execute(connection, "delete from sync_seen_page where session_id = ?", run.sessionId());
            finishSession(connection, completion, guard.get());
            return null;
        });
        if (completion.apply() && mappings != null) {
            mappings.invalidate(run.integrationId());
        }
        analyzeAfterFirstLoad(completion);
    }

    /**
     * Refreshes PostgreSQL's statistics of the tables a first load filled. Until autovacuum's ANALYZE
     * gets to them, they still describe the tables as they were (nearly empty), and the next runs'
     * look-ups and applies are planned for that: measured on the {@code large} benchmark, the 1% delta
     * after a first load took 8.6–9.1 s with those statistics and 3.85 s with fresh ones. The ANALYZE
     * samples a fixed number of rows per table, about three seconds for the {@code large} district;
     * it changes no data, so it runs in the background once the session is finished (as autovacuum's
     * would), for a first load that created at least {@value #ANALYZE_AFTER_CREATED} records. If it
     * fails or the process stops first, autovacuum does it later.
     */
    private void analyzeAfterFirstLoad(RunCompletion completion) {
        if (completion.stats().total(EntityStats::created) < ANALYZE_AFTER_CREATED) {
            return;
        }
        Thread.ofVirtual().name("analyze-after-first-load").start(() -> {
            try {
                analyzeFirstLoad(completion.run());
            } catch (RuntimeException e) {
                log.warn(
                        "could not ANALYZE the tables after the first load of session {}; autovacuum will: {}",
                        completion.run().sessionId(),
                        e.toString());
            }
        });
    }

    void analyzeFirstLoad(RunContext run) {
        transaction(connection -> {
            try (PreparedStatement query =
                    connection.prepareStatement("select first_load from sync_session where id = ?")) {
                query.setObject(1, run.sessionId());
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next() || !rows.getBoolean(1)) {
                        return null;
                    }
                }
            }
            StringBuilder tables = new StringBuilder("analyze id_mapping, change_journal");
            for (EntityTable table : EntityTable.values()) {
                tables.append(", ").append(table.table);
            }
            execute(connection, tables.toString());
            return null;
        });
    }

    private static void apply(
            Connection connection, RunContext run, EntityTable table, Timestamp now, String provenance)
            throws SQLException {
        // One statement writes the journal and the roster, from one read of the staged changes beside
        // the roster rows they change: the journal's CTE and the upsert see the roster as it was before
        // the statement, so each entry keeps the row it replaces as its previous record. An earlier
        // entry whose record is the roster row's (a first load's create) answers that previous record
        // from now on (V11__journal_previous_record.sql), so it is never rewritten. The changed fields
        // are computed once, for the journal and for the provenance.
        executeUpdate(
                connection,
                """
                with x as materialized (
                    select s.tenant_id, s.entity_type, s.local_id as lid, s.operation, s.session_id, s.deleted,
                           s.checksum, s.source_hash, r.record as old, c.rec,
                           case when c.rec is null then array['status']
                                when r.record is null then array(select jsonb_object_keys(c.rec) order by 1)
                                else array(select k from (select jsonb_object_keys(c.rec) k
                                                          union select jsonb_object_keys(r.record)) keys
                                           where (c.rec -> k) is distinct from (r.record -> k) order by 1) end
                               as changed
                    from sync_staged_change s
                    left join %1$s r on r.id = s.local_id
                    cross join lateral (select case when s.deleted and s.record is not null
                                                    then jsonb_set(s.record, '{status}', '"tobedeleted"')
                                                    else s.record end as rec) c
                    where s.session_id = ? and s.entity_type = ?),
                journal as (
                    insert into change_journal (tenant_id, entity_type, record_id, operation, changed_fields, record,
                        previous_record, session_id, cause, occurred_at)
                    select tenant_id, entity_type, lid, operation, changed,
                           coalesce(rec, jsonb_set(old, '{status}', '"tobedeleted"')), old, session_id, 'sync', ?
                    from x)
                insert into %1$s as t (id, tenant_id, status, date_last_modified, checksum, source_hash, record,
                    provenance, provenance_integration_id, provenance_session_id, provenance_at%2$s)
                select lid, tenant_id, case when deleted then 'tobedeleted' else 'active' end, ?, checksum,
                       source_hash, rec,
                       case when old is null then '{}'::jsonb
                            else (select coalesce(jsonb_object_agg(k, cast(? as jsonb)), '{}'::jsonb)
                                  from unnest(changed) k where (rec -> k) is not null) end,
                       ?, ?, ?%3$s
                from x
                where rec is not null
                on conflict (id) do update set
                    status = excluded.status, date_last_modified = excluded.date_last_modified,
                    checksum = excluded.checksum, source_hash = excluded.source_hash, record = excluded.record,
                    provenance = t.provenance || excluded.provenance%4$s
                """.formatted(
                        table.table, table.typedColumnNames(), table.typedColumnValues(), table.typedColumnUpdates()),
                run.sessionId(),
                table.wireName,
                now,
                now,
                provenance,
                run.integrationId(),
                run.sessionId(),
                now);
        executeUpdate(connection, """
                update %s r set status = 'tobedeleted', date_last_modified = ?, checksum = s.checksum,
                    source_hash = s.source_hash,
                    record = jsonb_set(r.record, '{status}', '"tobedeleted"'),
                    provenance = r.provenance || jsonb_build_object('status', cast(? as jsonb))
                from sync_staged_change s
                where s.session_id = ? and s.entity_type = ? and s.record is null and r.id = s.local_id
                """.formatted(table.table), now, provenance, run.sessionId(), table.wireName);
        executeUpdate(connection, """
                insert into id_mapping (tenant_id, entity_type, local_id, integration_id, external_id, matched_by,
                    valid_from)
                select s.tenant_id, s.entity_type, s.local_id, ?, s.external_id, s.new_mapping, ?
                from sync_staged_change s
                where s.session_id = ? and s.entity_type = ? and s.new_mapping is not null
                on conflict (integration_id, entity_type, external_id) where valid_to is null do nothing
                """, run.integrationId(), now, run.sessionId(), table.wireName);
    }

    private static void advanceWatermarks(Connection connection, RunContext run) throws SQLException {
        executeUpdate(connection, """
                insert into sync_watermark as w (integration_id, stream, tenant_id, watermark, session_id, updated_at)
                select ?, c.stream, c.tenant_id, c.high_watermark, c.session_id, now()
                from sync_checkpoint c where c.session_id = ? and c.high_watermark is not null
                on conflict (integration_id, stream) do update set
                    watermark = greatest(w.watermark, excluded.watermark), session_id = excluded.session_id,
                    updated_at = now()
                """, run.integrationId(), run.sessionId());
    }

    private static void finishSession(Connection connection, RunCompletion completion, @Nullable MassChangeReport guard)
            throws SQLException {
        ObjectNode error = null;
        if (completion.error() != null) {
            error = JSON.createObjectNode().put("message", completion.error());
        }
        String stage =
                switch (completion.state()) {
                    case HELD -> "held: waiting for an operator to approve or reject";
                    case SUCCEEDED -> completion.run().dryRun() ? "dry run: nothing applied" : "applied";
                    case FAILED -> "failed";
                    case CANCELLED -> "cancelled";
                    default -> completion.state().wireName();
                };
        executeUpdate(
                connection,
                """
                update sync_session set state = ?, stage = ?, progress = cast(? as jsonb),
                    error = coalesce(cast(? as jsonb), error), guard = coalesce(cast(? as jsonb), guard),
                    finished_at = case when ? then now() else null end
                where id = ?
                """,
                completion.state().wireName(),
                stage,
                StatsJson.toJson(completion.stats()).toString(),
                error == null ? null : error.toString(),
                guard == null ? null : guardJson(guard).toString(),
                completion.state().isFinal(),
                completion.run().sessionId());
    }

    static JsonNode guardJson(MassChangeReport guard) {
        ObjectNode root = JSON.createObjectNode().put("held", guard.held()).put("summary", guard.summary());
        var checks = root.putArray("entities");
        for (MassChangeReport.Check check : guard.checks()) {
            checks.addObject()
                    .put("entity", check.entityType().collection())
                    .put("active", check.active())
                    .put("updated", check.updated())
                    .put("deleted", check.deleted())
                    .put("share", check.share())
                    .put("limit", check.limit())
                    .put("exceeded", check.exceeded());
        }
        return root;
    }

    // --- JDBC plumbing -----------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T transaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new SyncStoreException(e);
        }
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        executeUpdate(connection, sql, parameters);
    }

    private static int executeUpdate(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static Timestamp currentTime(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select now()")) {
            rows.next();
            return rows.getTimestamp(1);
        }
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
