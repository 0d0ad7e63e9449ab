package dev.rollcall.server.deadletters;

import dev.rollcall.server.web.KeysetCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of {@code dead_letter} as the API uses it; every query is scoped by tenant. */
@Repository
class DeadLetters {

    /** What a list may be narrowed to; a null field does not narrow. */
    record Filter(
            @Nullable UUID integrationId,
            @Nullable UUID sessionId,
            @Nullable String source,
            String state) {}

    private static final String COLUMNS = """
            d.id, d.integration_id, i.name as integration_name, d.session_id, d.source, d.stream, d.stage,
            d.external_id, d.error_kind, d.error_class, d.error_message, d.attempts, d.created_at,
            d.last_attempt_at, d.resolved_at, d.resolution""";
    private static final String FROM = " from dead_letter d left join integration i on i.id = d.integration_id ";
    private static final String WHERE = """
            where d.tenant_id = :tenant
              and (cast(:integration as uuid) is null or d.integration_id = :integration)
              and (cast(:session as uuid) is null or d.session_id = :session)
              and (cast(:source as text) is null or d.source = :source)
              and (cast(:state as text) = 'all' or (cast(:state as text) = 'open') = (d.resolved_at is null))""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DeadLetters(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A page, newest first, after {@code after} when given. */
    List<DeadLetter> list(UUID tenantId, Filter filter, @Nullable KeysetCursor after, int limit) {
        return filtered("select " + COLUMNS + ", null as payload" + FROM + WHERE + """
                          and (cast(:afterAt as timestamptz) is null or (d.created_at, d.id) < (:afterAt, :afterId))
                        order by d.created_at desc, d.id desc limit :limit""", tenantId, filter)
                .param("afterAt", after == null ? null : Timestamp.from(after.at()))
                .param("afterId", after == null ? null : after.id())
                .param("limit", limit)
                .query(this::deadLetter)
                .list();
    }

    long count(UUID tenantId, Filter filter) {
        return filtered("select count(*)" + FROM + WHERE, tenantId, filter)
                .query(Long.class)
                .single();
    }

    Optional<DeadLetter> find(UUID tenantId, UUID id) {
        return jdbc.sql("select " + COLUMNS + ", d.payload::text as payload" + FROM
                        + "where d.tenant_id = :tenant and d.id = :id")
                .param("tenant", tenantId)
                .param("id", id)
                .query(this::deadLetter)
                .optional();
    }

    /** Resolves an open dead letter; false when it was resolved meanwhile. */
    boolean resolve(UUID tenantId, UUID id, String resolution) {
        return jdbc.sql("""
                        update dead_letter set resolved_at = now(), resolution = :resolution
                        where tenant_id = :tenant and id = :id and resolved_at is null""")
                        .param("resolution", resolution)
                        .param("tenant", tenantId)
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Counts a failed replay; a new reason replaces the old one when given. */
    void failedAttempt(UUID tenantId, UUID id, @Nullable String reason) {
        jdbc.sql("""
                        update dead_letter set attempts = attempts + 1, last_attempt_at = now(),
                            error_message = coalesce(cast(:reason as text), error_message)
                        where tenant_id = :tenant and id = :id""")
                .param("reason", reason)
                .param("tenant", tenantId)
                .param("id", id)
                .update();
    }

    /** The open dead letters of one upstream record, oldest first. */
    List<DeadLetter> openFor(UUID tenantId, UUID integrationId, String stream, String externalId) {
        return jdbc.sql("select " + COLUMNS + ", null as payload" + FROM + """
                        where d.tenant_id = :tenant and d.integration_id = :integration and d.stream = :stream
                          and d.external_id = :externalId and d.resolved_at is null
                        order by d.created_at, d.id""")
                .param("tenant", tenantId)
                .param("integration", integrationId)
                .param("stream", stream)
                .param("externalId", externalId)
                .query(this::deadLetter)
                .list();
    }

    private JdbcClient.StatementSpec filtered(String sql, UUID tenantId, Filter filter) {
        return jdbc.sql(sql)
                .param("tenant", tenantId)
                .param("integration", filter.integrationId())
                .param("session", filter.sessionId())
                .param("source", filter.source())
                .param("state", filter.state());
    }

    private DeadLetter deadLetter(ResultSet rs, int row) throws SQLException {
        Timestamp resolvedAt = rs.getTimestamp("resolved_at");
        String payload = rs.getString("payload");
        return new DeadLetter(
                rs.getObject("id", UUID.class),
                rs.getObject("integration_id", UUID.class),
                rs.getString("integration_name"),
                rs.getObject("session_id", UUID.class),
                rs.getString("source"),
                rs.getString("stream"),
                rs.getString("stage"),
                rs.getString("external_id"),
                rs.getString("error_kind"),
                rs.getString("error_class"),
                rs.getString("error_message"),
                rs.getInt("attempts"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("last_attempt_at").toInstant(),
                resolvedAt == null ? null : resolvedAt.toInstant(),
                rs.getString("resolution"),
                payload == null ? null : json.readTree(payload));
    }
}
