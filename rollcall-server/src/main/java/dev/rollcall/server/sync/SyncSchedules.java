package dev.rollcall.server.sync;

import dev.rollcall.engine.sync.SyncSettings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of per-integration sync schedules and settings ({@code sync_schedule}). */
@Repository
public class SyncSchedules {

    /**
     * An integration's schedule and engine settings as the API shows them.
     *
     * @param cron a Spring cron expression (six fields, seconds first), in UTC; or null
     * @param intervalSeconds run every so many seconds (at least 60); or null
     * @param nextRunAt when the next scheduled run starts; null when paused or unscheduled
     */
    public record Schedule(
            UUID integrationId,
            @Nullable String cron,
            @Nullable Integer intervalSeconds,
            String mode,
            boolean paused,
            @Nullable Instant nextRunAt,
            JsonNode settings) {

        /** The next start after {@code after}, or null when neither cron nor interval is set. */
        @Nullable
        Instant next(Instant after) {
            if (cron != null) {
                var next = CronExpression.parse(cron).next(after.atZone(ZoneOffset.UTC));
                return next == null ? null : next.toInstant();
            }
            return intervalSeconds == null ? null : after.plusSeconds(intervalSeconds);
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SyncSchedules(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Schedule> find(UUID tenantId, UUID integrationId) {
        return jdbc.sql("""
                        select integration_id, cron, interval_seconds, mode, paused, next_run_at, settings::text
                        from sync_schedule where tenant_id = :tenant and integration_id = :integration""")
                .param("tenant", tenantId)
                .param("integration", integrationId)
                .query((rs, n) -> new Schedule(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        (Integer) rs.getObject(3),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        json.readTree(rs.getString(7))))
                .optional();
    }

    void save(UUID tenantId, Schedule schedule) {
        jdbc.sql("""
                        insert into sync_schedule (integration_id, tenant_id, cron, interval_seconds, mode, paused,
                            next_run_at, settings, updated_at)
                        values (:integration, :tenant, :cron, :interval, :mode, :paused, :next, cast(:settings as jsonb),
                            now())
                        on conflict (integration_id) do update set cron = excluded.cron,
                            interval_seconds = excluded.interval_seconds, mode = excluded.mode,
                            paused = excluded.paused, next_run_at = excluded.next_run_at,
                            settings = excluded.settings, updated_at = now()""")
                .param("integration", schedule.integrationId())
                .param("tenant", tenantId)
                .param("cron", schedule.cron())
                .param("interval", schedule.intervalSeconds())
                .param("mode", schedule.mode())
                .param("paused", schedule.paused())
                .param("next", schedule.nextRunAt() == null ? null : java.sql.Timestamp.from(schedule.nextRunAt()))
                .param("settings", schedule.settings().toString())
                .update();
    }

    /** The engine settings of an integration (the defaults when it has none). */
    SyncSettings settings(UUID tenantId, UUID integrationId) {
        return find(tenantId, integrationId)
                .map(schedule -> SyncSettingsJson.read(schedule.settings(), "settings", new ArrayList<>()))
                .orElse(SyncSettings.DEFAULTS);
    }

    /** A due schedule, locked for this transaction so that one instance starts it. */
    record Due(UUID tenantId, Schedule schedule) {}

    List<Due> lockDue(Instant now, int limit) {
        return jdbc.sql("""
                        select s.tenant_id, s.integration_id, s.cron, s.interval_seconds, s.mode, s.paused,
                               s.next_run_at, s.settings::text
                        from sync_schedule s join integration i on i.id = s.integration_id
                        where not s.paused and s.next_run_at <= :now and i.deleted_at is null and i.enabled
                        order by s.next_run_at limit :limit
                        for update of s skip locked""")
                .param("now", java.sql.Timestamp.from(now))
                .param("limit", limit)
                .query((rs, n) -> new Due(
                        rs.getObject(1, UUID.class),
                        new Schedule(
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                (Integer) rs.getObject(4),
                                rs.getString(5),
                                rs.getBoolean(6),
                                rs.getTimestamp(7).toInstant(),
                                json.readTree(rs.getString(8)))))
                .list();
    }

    void setNextRun(UUID integrationId, @Nullable Instant next) {
        jdbc.sql("update sync_schedule set next_run_at = :next where integration_id = :integration")
                .param("next", next == null ? null : java.sql.Timestamp.from(next))
                .param("integration", integrationId)
                .update();
    }
}
