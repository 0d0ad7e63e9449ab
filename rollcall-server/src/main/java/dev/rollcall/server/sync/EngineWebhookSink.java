package dev.rollcall.server.sync;

import dev.rollcall.connector.api.CheckResult;
import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.ConnectorDescriptor;
import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.StreamSpec;
import dev.rollcall.connector.api.json.IsoInstants;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.engine.ConnectorCatalog;
import dev.rollcall.engine.sync.RunContext;
import dev.rollcall.engine.sync.RunOutcome;
import dev.rollcall.engine.sync.RunState;
import dev.rollcall.engine.sync.SyncEngine;
import dev.rollcall.engine.sync.SyncMode;
import dev.rollcall.server.integrations.IntegrationService;
import dev.rollcall.server.webhooks.WebhookChangeSink;
import dev.rollcall.store.postgres.sync.EntityTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies webhook records through the sync engine, as a session of mode {@code webhook}: the same
 * classification, mapping, journal and provenance as a sync, every stream read as a delta from an
 * in-memory connector holding just the event's records (so nothing unseen is deleted and no
 * watermark moves). A record whose source {@code dateLastModified} is not newer than the stored one
 * is dropped first: an old event never overwrites a newer record. While the integration has another
 * session queued, running or held, the event waits (the worker retries it with backoff).
 */
@Component
class EngineWebhookSink implements WebhookChangeSink {

    private final SyncEngine engine;
    private final SyncSessions sessions;
    private final SyncSchedules schedules;
    private final ConnectorCatalog catalog;
    private final IntegrationService integrations;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The first half of the webhook sessions' advisory key: "RWHK". */
    private static final int WEBHOOK_LOCK_NAMESPACE = 0x5257484B;

    EngineWebhookSink(
            SyncEngine engine,
            SyncSessions sessions,
            SyncSchedules schedules,
            ConnectorCatalog catalog,
            IntegrationService integrations,
            JdbcClient jdbc,
            DataSource dataSource) {
        this.engine = engine;
        this.sessions = sessions;
        this.schedules = schedules;
        this.catalog = catalog;
        this.integrations = integrations;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @Override
    public void apply(UUID tenantId, UUID integrationId, List<SourceRecord> records, List<Deleted> deletedIds)
            throws Exception {
        ConnectorDescriptor descriptor = catalog.find(
                        integrations.resolve(tenantId, integrationId).connector())
                .orElseThrow(() -> new IllegalStateException("the integration's connector is not installed"))
                .descriptor();
        // Under the integration's lock, so that no other worker applies events of the integration
        // between the "newer than stored" check and the run.
        try (Connection lock = dataSource.getConnection()) {
            if (!tryLock(lock, integrationId)) {
                throw new IllegalStateException(
                        "another worker is applying webhook events of the integration; the event waits");
            }
            try {
                abandonOrphans(tenantId, integrationId);
                Map<String, List<SourceRecord>> byStream = byStream(descriptor, integrationId, records, deletedIds);
                if (!byStream.isEmpty()) { // else everything named is already as new or newer
                    run(tenantId, integrationId, descriptor, byStream);
                }
            } finally {
                unlock(lock, integrationId);
            }
        }
    }

    private Map<String, List<SourceRecord>> byStream(
            ConnectorDescriptor descriptor, UUID integrationId, List<SourceRecord> records, List<Deleted> deletedIds) {
        Map<String, List<SourceRecord>> byStream = new LinkedHashMap<>();
        for (SourceRecord record : newerThanStored(integrationId, records)) {
            byStream.computeIfAbsent(record.entityType().collection(), stream -> new ArrayList<>())
                    .add(record);
        }
        for (Deleted gone : deletedIds) {
            StreamSpec stream = descriptor.stream(gone.stream())
                    .orElseThrow(() -> new IllegalArgumentException("'" + gone.stream() + "' is not a stream"));
            byStream.computeIfAbsent(gone.stream(), name -> new ArrayList<>())
                    .add(new SourceRecord(
                            gone.externalId(), stream.entityType(), null, null, JSON.createObjectNode(), true));
        }
        return byStream;
    }

    private void run(
            UUID tenantId, UUID integrationId, ConnectorDescriptor descriptor, Map<String, List<SourceRecord>> byStream)
            throws Exception {
        Optional<UUID> active = sessions.active(tenantId, integrationId);
        if (active.isPresent()) {
            throw new IllegalStateException(
                    "session " + active.get() + " of the integration is active; the event waits");
        }
        UUID sessionId = UUID.randomUUID();
        jdbc.sql("""
                        insert into sync_session (id, tenant_id, integration_id, mode, streams, state, requested_by)
                        values (:id, :tenant, :integration, 'webhook', string_to_array(:streams, ','), 'queued', 'webhook')
                        """)
                .param("id", sessionId)
                .param("tenant", tenantId)
                .param("integration", integrationId)
                .param("streams", String.join(",", byStream.keySet()))
                .update();
        RunContext run = new RunContext(
                tenantId, integrationId, sessionId, SyncMode.WEBHOOK, List.copyOf(byStream.keySet()), false);
        RunOutcome outcome = engine.run(
                run,
                new EventConnector(byStream),
                descriptor,
                schedules.settings(tenantId, integrationId),
                () -> false);
        if (outcome.state() != RunState.SUCCEEDED) {
            throw new IllegalStateException("the webhook session " + sessionId + " ended "
                    + outcome.state().wireName() + (outcome.error() == null ? "" : ": " + outcome.error()));
        }
    }

    /**
     * Webhook sessions run inline in a worker that holds the integration's advisory lock on a
     * connection of its own for the whole run. Holding the lock here, any webhook session still
     * queued or running was left by a process that died (PostgreSQL released its lock with its
     * connection): it is marked failed, and nothing it staged is applied. Its events, still leased
     * to the dead worker, are taken again when the lease ends and applied by a new session.
     */
    private void abandonOrphans(UUID tenantId, UUID integrationId) {
        jdbc.sql("""
                        update sync_session
                        set state = 'failed', finished_at = now(),
                            error = cast(:error as jsonb)
                        where tenant_id = :tenant and integration_id = :integration and mode = 'webhook'
                          and state in ('queued', 'running')
                        """)
                .param("tenant", tenantId)
                .param("integration", integrationId)
                .param(
                        "error",
                        "{\"kind\":\"abandoned\",\"message\":\"the process running this webhook session stopped;"
                                + " its events were applied by a later session\"}")
                .update();
    }

    private static boolean tryLock(Connection connection, UUID integrationId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "select pg_try_advisory_lock(" + WEBHOOK_LOCK_NAMESPACE + ", hashtext(cast(? as text)))")) {
            lock.setString(1, integrationId.toString());
            try (ResultSet result = lock.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection, UUID integrationId) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement(
                "select pg_advisory_unlock(" + WEBHOOK_LOCK_NAMESPACE + ", hashtext(cast(? as text)))")) {
            unlock.setString(1, integrationId.toString());
            unlock.execute();
        }
    }

    /**
     * The records newer than what the integration last stored for them (or not stored yet): one
     * lookup per entity type for the whole batch.
     */
    private List<SourceRecord> newerThanStored(UUID integrationId, List<SourceRecord> records) {
        Map<EntityType, List<SourceRecord>> byType = new LinkedHashMap<>();
        records.forEach(record -> byType.computeIfAbsent(record.entityType(), type -> new ArrayList<>())
                .add(record));
        List<SourceRecord> newer = new ArrayList<>();
        byType.forEach((type, ofType) -> {
            EntityTable table = EntityTable.of(type);
            Map<String, String> stored = new HashMap<>();
            jdbc.sql("""
                            select m.external_id, r.record ->> 'dateLastModified'
                            from id_mapping m join %s r on r.id = m.local_id
                            where m.integration_id = :integration and m.entity_type = :type and m.valid_to is null
                              and m.external_id in (:externals)
                            """.formatted(table.table()))
                    .param("integration", integrationId)
                    .param("type", table.wireName())
                    .param(
                            "externals",
                            ofType.stream()
                                    .map(SourceRecord::externalId)
                                    .distinct()
                                    .toList())
                    .query((rs, row) -> stored.put(rs.getString(1), rs.getString(2)))
                    .list();
            ofType.stream()
                    .filter(record -> isNewer(record.sourceUpdatedAt(), stored.get(record.externalId())))
                    .forEach(newer::add);
        });
        return newer;
    }

    private static boolean isNewer(@Nullable Instant incoming, @Nullable String stored) {
        if (incoming == null || stored == null) {
            return true;
        }
        Instant storedAt = IsoInstants.parse(stored);
        return storedAt == null || incoming.isAfter(storedAt);
    }

    /** Serves an event's records as one delta page per stream. */
    private record EventConnector(Map<String, List<SourceRecord>> byStream) implements Connector {

        @Override
        public CheckResult check() {
            return CheckResult.of(List.of());
        }

        @Override
        public Page read(ReadRequest request) {
            return Page.last(byStream.getOrDefault(request.stream(), List.of()), List.of());
        }

        @Override
        public Optional<SourceRecord> fetch(String stream, String externalId) {
            return byStream.getOrDefault(stream, List.of()).stream()
                    .filter(record -> record.externalId().equals(externalId))
                    .findFirst();
        }

        @Override
        public void close() {}
    }
}
