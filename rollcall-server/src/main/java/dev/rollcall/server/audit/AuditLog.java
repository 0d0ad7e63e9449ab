package dev.rollcall.server.audit;

import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.RequestIdFilter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit log: who did what to which target, when, with the state before and after.
 * Callers pass states with secrets already masked. Written in the caller's transaction, so an
 * audited change and its audit row commit together.
 */
@Repository
public class AuditLog {

    /** One audit entry as the API shows it. */
    public record Entry(
            long id,
            Instant occurredAt,
            String actor,
            String action,
            String targetType,
            @Nullable String targetId,
            @Nullable JsonNode before,
            @Nullable JsonNode after,
            @Nullable String requestId) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void record(
            Caller caller,
            String action,
            String targetType,
            String targetId,
            @Nullable Object before,
            @Nullable Object after) {
        jdbc.sql("""
                        insert into audit_log (tenant_id, actor, action, target_type, target_id, before, after, request_id)
                        values (:tenant, :actor, :action, :targetType, :targetId,
                                cast(:before as jsonb), cast(:after as jsonb), :requestId)
                        """)
                .param("tenant", caller.tenantId())
                .param("actor", caller.actor())
                .param("action", action)
                .param("targetType", targetType)
                .param("targetId", targetId)
                .param("before", before == null ? null : json.writeValueAsString(before))
                .param("after", after == null ? null : json.writeValueAsString(after))
                .param("requestId", MDC.get(RequestIdFilter.MDC_KEY))
                .update();
    }

    public List<Entry> list(UUID tenantId, @Nullable String targetType, @Nullable String targetId, int limit) {
        return jdbc.sql("""
                        select id, occurred_at, actor, action, target_type, target_id, before::text, after::text, request_id
                        from audit_log
                        where tenant_id = :tenant
                          and (cast(:targetType as text) is null or target_type = :targetType)
                          and (cast(:targetId as text) is null or target_id = :targetId)
                        order by id desc
                        limit :limit
                        """)
                .param("tenant", tenantId)
                .param("targetType", targetType)
                .param("targetId", targetId)
                .param("limit", limit)
                .query((rs, row) -> new Entry(
                        rs.getLong("id"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("target_type"),
                        rs.getString("target_id"),
                        readTree(rs.getString("before")),
                        readTree(rs.getString("after")),
                        rs.getString("request_id")))
                .list();
    }

    private @Nullable JsonNode readTree(@Nullable String text) {
        return text == null ? null : json.readTree(text);
    }
}
