package dev.rollcall.server.sync;

import dev.rollcall.server.audit.AuditLog;
import dev.rollcall.server.integrations.IntegrationService;
import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import dev.rollcall.server.web.ApiProblem.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-integration schedules: cron or interval, pause and resume, and the engine settings. The
 * {@code sync-schedules} job calls {@link #startDue()} on whichever instance polls first; rows are
 * locked with SKIP LOCKED, so each due schedule starts one run.
 */
@Service
public class SyncScheduleService {

    private static final Logger log = LoggerFactory.getLogger(SyncScheduleService.class);

    private final SyncSchedules schedules;
    private final SyncService syncs;
    private final IntegrationService integrations;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    SyncScheduleService(
            SyncSchedules schedules,
            SyncService syncs,
            IntegrationService integrations,
            AuditLog audit,
            JsonMapper json,
            Clock clock) {
        this.schedules = schedules;
        this.syncs = syncs;
        this.integrations = integrations;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public SyncSchedules.Schedule get(Caller caller, UUID integrationId) {
        integrations.get(caller, integrationId);
        return schedules.find(caller.tenantId(), integrationId).orElse(unscheduled(integrationId));
    }

    @Transactional
    public SyncSchedules.Schedule put(Caller caller, UUID integrationId, SyncScheduleRequest request) {
        integrations.get(caller, integrationId);
        List<FieldError> problems = new ArrayList<>();
        if (request.cron() != null && request.intervalSeconds() != null) {
            problems.add(new FieldError("cron", "give either cron or intervalSeconds, not both"));
        }
        if (request.cron() != null && !CronExpression.isValidExpression(request.cron())) {
            problems.add(new FieldError(
                    "cron", "'" + request.cron() + "' is not a cron expression (six fields, seconds first)"));
        }
        if (request.intervalSeconds() != null && request.intervalSeconds() < 60) {
            problems.add(
                    new FieldError("intervalSeconds", "must be at least 60, but was " + request.intervalSeconds()));
        }
        String mode = request.mode() == null ? "delta" : request.mode();
        if (!mode.equals("full") && !mode.equals("delta")) {
            problems.add(new FieldError("mode", "must be 'full' or 'delta', but was '" + mode + "'"));
        }
        var settings = request.settings() == null ? json.createObjectNode() : request.settings();
        SyncSettingsJson.read(settings, "settings", problems);
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(
                    "The schedule has " + problems.size() + " invalid field" + (problems.size() == 1 ? "" : "s"),
                    problems);
        }
        SyncSchedules.Schedule before =
                schedules.find(caller.tenantId(), integrationId).orElse(null);
        boolean paused = request.paused() != null ? request.paused() : before != null && before.paused();
        SyncSchedules.Schedule schedule = new SyncSchedules.Schedule(
                integrationId, request.cron(), request.intervalSeconds(), mode, paused, null, settings);
        schedule = withNextRun(schedule);
        schedules.save(caller.tenantId(), schedule);
        audit.record(caller, "sync.schedule.updated", "integration", integrationId.toString(), before, schedule);
        return schedule;
    }

    @Transactional
    public SyncSchedules.Schedule setPaused(Caller caller, UUID integrationId, boolean paused) {
        SyncSchedules.Schedule before = get(caller, integrationId);
        SyncSchedules.Schedule after = withNextRun(new SyncSchedules.Schedule(
                integrationId,
                before.cron(),
                before.intervalSeconds(),
                before.mode(),
                paused,
                null,
                before.settings()));
        schedules.save(caller.tenantId(), after);
        audit.record(
                caller,
                paused ? "sync.schedule.paused" : "sync.schedule.resumed",
                "integration",
                integrationId.toString(),
                before,
                after);
        return after;
    }

    /** Starts a run for every due schedule whose integration is idle; moves each to its next time. */
    @Transactional
    public int startDue() {
        Instant now = clock.instant();
        int started = 0;
        for (SyncSchedules.Due due : schedules.lockDue(now, 100)) {
            SyncSchedules.Schedule schedule = due.schedule();
            schedules.setNextRun(schedule.integrationId(), schedule.next(now));
            try {
                syncs.requestRun(
                        due.tenantId(), schedule.integrationId(), schedule.mode(), List.of(), false, "schedule");
                started++;
            } catch (ApiProblem busy) {
                log.info("scheduled sync of integration {} skipped: {}", schedule.integrationId(), busy.getMessage());
            }
        }
        return started;
    }

    private SyncSchedules.Schedule withNextRun(SyncSchedules.Schedule schedule) {
        Instant next = schedule.paused() ? null : schedule.next(clock.instant());
        return new SyncSchedules.Schedule(
                schedule.integrationId(),
                schedule.cron(),
                schedule.intervalSeconds(),
                schedule.mode(),
                schedule.paused(),
                next,
                schedule.settings());
    }

    private SyncSchedules.Schedule unscheduled(UUID integrationId) {
        return new SyncSchedules.Schedule(integrationId, null, null, "delta", false, null, json.createObjectNode());
    }
}
