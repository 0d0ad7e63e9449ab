package dev.rollcall.server.sync;

import dev.rollcall.server.web.KeysetCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of sync sessions as the API sees them; every query is scoped by tenant. */
@Repository
public class SyncSessions {

    /** What the service needs of a session to act on it. */
    record Row(
            UUID id,
            UUID tenantId,
            UUID integrationId,
            String state,
            String mode,
            boolean dryRun,
            List<String> streams) {}

    private static final String COLUMNS = """
            id, integration_id, state, mode, dry_run, streams, stage, requested_by, created_at, started_at,
            finished_at, progress::text as progress, error::text as error, guard::text as guard""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SyncSessions(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<SyncSession> find(UUID tenantId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from sync_session where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId)
                .param("id", id)
                .query((rs, n) -> view(rs, errors(tenantId, id, rs.getString("error"))))
                .optional();
    }

    List<SyncSession> list(
            UUID tenantId, UUID integrationId, @Nullable String state, @Nullable String mode, int limit, int offset) {
        return jdbc.sql("select " + COLUMNS + """
                         from sync_session where tenant_id = :tenant and integration_id = :integration
                          and (cast(:state as text) is null or state = :state)
                          and (cast(:mode as text) is null or mode = :mode)
                        order by created_at desc, id limit :limit offset :offset""")
                .param("tenant", tenantId)
                .param("integration", integrationId)
                .param("state", state)
                .param("mode", mode)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> view(rs, runError(rs.getString("error"))))
                .list();
    }

    /**
     * The tenant's sessions, newest first, narrowed by whichever of integration, state and mode is
     * given, after {@code before} (a keyset position) when given.
     */
    List<SyncSession> search(
            UUID tenantId,
            @Nullable UUID integrationId,
            @Nullable String state,
            @Nullable String mode,
            @Nullable KeysetCursor before,
            int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from sync_session where tenant_id = :tenant
                          and (cast(:integration as uuid) is null or integration_id = :integration)
                          and (cast(:state as text) is null or state = :state)
                          and (cast(:mode as text) is null or mode = :mode)
                          and (cast(:beforeAt as timestamptz) is null or (created_at, id) < (:beforeAt, :beforeId))
                        order by created_at desc, id desc limit :limit""")
                .param("tenant", tenantId)
                .param("integration", integrationId)
                .param("state", state)
                .param("mode", mode)
                .param("beforeAt", before == null ? null : Timestamp.from(before.at()))
                .param("beforeId", before == null ? null : before.id())
                .param("limit", limit)
                .query((rs, n) -> view(rs, runError(rs.getString("error"))))
                .list();
    }

    Optional<Row> row(UUID tenantId, UUID id) {
        return jdbc.sql("""
                        select id, tenant_id, integration_id, state, mode, dry_run, streams from sync_session
                        where tenant_id = :tenant and id = :id""")
                .param("tenant", tenantId)
                .param("id", id)
                .query(SyncSessions::row)
                .optional();
    }

    /** Without tenant scope: for the job that runs a session it was given by id. */
    Optional<Row> rowForJob(UUID id) {
        return jdbc.sql("""
                        select id, tenant_id, integration_id, state, mode, dry_run, streams from sync_session
                        where id = :id""").param("id", id).query(SyncSessions::row).optional();
    }

    /** The integration's session that is queued, running or held, if any. */
    Optional<UUID> active(UUID tenantId, UUID integrationId) {
        return jdbc.sql("""
                        select id from sync_session where tenant_id = :tenant and integration_id = :integration
                        and state in ('queued', 'running', 'held') order by created_at limit 1""")
                .param("tenant", tenantId)
                .param("integration", integrationId)
                .query(UUID.class)
                .optional();
    }

    boolean cancelRequested(UUID id) {
        return jdbc.sql("select cancel_requested from sync_session where id = :id")
                .param("id", id)
                .query(Boolean.class)
                .optional()
                .orElse(true);
    }

    void requestCancel(UUID id) {
        jdbc.sql("update sync_session set cancel_requested = true where id = :id")
                .param("id", id)
                .update();
    }

    /** Ends a session that never ran (queued, or whose connector could not be opened). */
    void end(UUID id, String state, @Nullable String error) {
        jdbc.sql("""
                        update sync_session set state = :state, stage = :state, finished_at = now(),
                            error = coalesce(cast(:error as jsonb), error)
                        where id = :id""")
                .param("state", state)
                .param(
                        "error",
                        error == null
                                ? null
                                : json.createObjectNode().put("message", error).toString())
                .param("id", id)
                .update();
    }

    void decided(UUID id, String actor) {
        jdbc.sql("update sync_session set decided_by = :actor, decided_at = now() where id = :id")
                .param("actor", actor)
                .param("id", id)
                .update();
    }

    /** The changes a held or dry-run session staged: exactly what approving it would apply. */
    List<StagedChange> changes(UUID tenantId, UUID sessionId, int limit, int offset) {
        return jdbc.sql("""
                        select entity_type, external_id, local_id, operation, record::text as record
                        from sync_staged_change where tenant_id = :tenant and session_id = :session
                        order by entity_type, external_id limit :limit offset :offset""")
                .param("tenant", tenantId)
                .param("session", sessionId)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> new StagedChange(
                        rs.getString("entity_type"),
                        rs.getString("external_id"),
                        rs.getObject("local_id", UUID.class),
                        rs.getString("operation"),
                        tree(rs.getString("record"))))
                .list();
    }

    long changeCount(UUID tenantId, UUID sessionId) {
        return jdbc.sql("select count(*) from sync_staged_change where tenant_id = :tenant and session_id = :session")
                .param("tenant", tenantId)
                .param("session", sessionId)
                .query(Long.class)
                .single();
    }

    /** One change a held or dry-run session would make. */
    public record StagedChange(
            String entityType,
            String externalId,
            UUID localId,
            String operation,
            @Nullable JsonNode record) {}

    private List<SyncSession.Error> errors(UUID tenantId, UUID sessionId, @Nullable String runError) {
        List<SyncSession.Error> errors = new ArrayList<>(runError(runError));
        errors.addAll(jdbc.sql("""
                        select stage, error_kind, stream, external_id, error_message from dead_letter
                        where tenant_id = :tenant and session_id = :session order by created_at, id limit 100""")
                .param("tenant", tenantId)
                .param("session", sessionId)
                .query((rs, n) -> new SyncSession.Error(
                        rs.getString("stage"),
                        rs.getString("error_kind"),
                        rs.getString("stream"),
                        rs.getString("external_id"),
                        rs.getString("error_message")))
                .list());
        return errors;
    }

    private List<SyncSession.Error> runError(@Nullable String error) {
        if (error == null) {
            return List.of();
        }
        return List.of(new SyncSession.Error(
                "run", "run", null, null, json.readTree(error).path("message").asString()));
    }

    private SyncSession view(ResultSet rs, List<SyncSession.Error> errors) throws SQLException {
        Instant startedAt = instant(rs.getTimestamp("started_at"));
        Instant finishedAt = instant(rs.getTimestamp("finished_at"));
        return new SyncSession(
                rs.getObject("id", UUID.class),
                rs.getObject("integration_id", UUID.class),
                rs.getString("state"),
                rs.getString("mode"),
                rs.getBoolean("dry_run"),
                List.of((String[]) rs.getArray("streams").getArray()),
                rs.getString("stage"),
                rs.getString("requested_by"),
                rs.getTimestamp("created_at").toInstant(),
                startedAt,
                finishedAt,
                SyncSession.duration(startedAt, finishedAt),
                json.readTree(rs.getString("progress")),
                errors,
                tree(rs.getString("guard")));
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("integration_id", UUID.class),
                rs.getString("state"),
                rs.getString("mode"),
                rs.getBoolean("dry_run"),
                List.of((String[]) rs.getArray("streams").getArray()));
    }

    private @Nullable JsonNode tree(@Nullable String text) {
        return text == null ? null : json.readTree(text);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
