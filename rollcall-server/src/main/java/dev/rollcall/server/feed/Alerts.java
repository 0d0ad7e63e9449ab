package dev.rollcall.server.feed;

import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alerts Rollcall raises itself, in the {@code alert} table (the monitoring feature reads and
 * notifies from there). Written in the caller's transaction.
 */
@Repository
public class Alerts {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public Alerts(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void raise(
            UUID tenantId,
            String kind,
            String severity,
            String targetType,
            String targetId,
            String message,
            Map<String, ?> details) {
        jdbc.sql("""
                        insert into alert (tenant_id, kind, severity, target_type, target_id, message, details)
                        values (:tenant, :kind, :severity, :targetType, :targetId, :message, cast(:details as jsonb))
                        """)
                .param("tenant", tenantId)
                .param("kind", kind)
                .param("severity", severity)
                .param("targetType", targetType)
                .param("targetId", targetId)
                .param("message", message)
                .param("details", json.writeValueAsString(details))
                .update();
    }
}
