package dev.rollcall.server.sync;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.rollcall.connector.api.ConnectorDescriptor;
import dev.rollcall.connector.api.StreamSpec;
import dev.rollcall.engine.ConnectorCatalog;
import dev.rollcall.engine.sync.RunContext;
import dev.rollcall.engine.sync.SyncEngine;
import dev.rollcall.engine.sync.SyncMode;
import dev.rollcall.server.audit.AuditLog;
import dev.rollcall.server.integrations.Integration;
import dev.rollcall.server.integrations.IntegrationService;
import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import dev.rollcall.server.web.ApiProblem.FieldError;
import dev.rollcall.server.web.KeysetCursor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts, cancels, approves and rejects sync sessions. A start creates the session and schedules
 * its job in one transaction; the job's instance id is the integration's id, so db-scheduler itself
 * refuses a second concurrent run of one integration across every Rollcall instance. Every action
 * is audited.
 */
@Service
public class SyncService {

    private final SyncSessions sessions;
    private final IntegrationService integrations;
    private final ConnectorCatalog catalog;
    private final SchedulerClient scheduler;
    private final OneTimeTask<String> runTask;
    private final SyncEngine engine;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    SyncService(
            SyncSessions sessions,
            IntegrationService integrations,
            ConnectorCatalog catalog,
            SchedulerClient scheduler,
            OneTimeTask<String> syncRunTask,
            SyncEngine engine,
            AuditLog audit,
            JdbcClient jdbc,
            Clock clock) {
        this.sessions = sessions;
        this.integrations = integrations;
        this.catalog = catalog;
        this.scheduler = scheduler;
        this.runTask = syncRunTask;
        this.engine = engine;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public SyncSession start(Caller caller, UUID integrationId, SyncRequest request) {
        Integration integration = integrations.get(caller, integrationId);
        List<FieldError> problems = new ArrayList<>();
        String mode = request.mode() == null ? "delta" : request.mode();
        if (!mode.equals("full") && !mode.equals("delta")) {
            problems.add(new FieldError("mode", "must be 'full' or 'delta', but was '" + mode + "'"));
        }
        List<String> streams = request.streams() == null ? List.of() : request.streams();
        ConnectorDescriptor descriptor = catalog.find(integration.connector())
                .orElseThrow(() -> new IllegalStateException("connector '" + integration.connector()
                        + "' of integration " + integrationId + " is not installed"))
                .descriptor();
        for (int i = 0; i < streams.size(); i++) {
            if (streams.get(i) == null || descriptor.stream(streams.get(i)).isEmpty()) {
                problems.add(new FieldError(
                        "streams[" + i + "]",
                        "'" + streams.get(i) + "' is not a stream of connector '" + descriptor.type() + "'; it has "
                                + descriptor.streams().stream()
                                        .map(StreamSpec::name)
                                        .toList()));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(
                    "The sync request has " + problems.size() + " invalid field" + (problems.size() == 1 ? "" : "s"),
                    problems);
        }
        if (!integration.enabled()) {
            throw ApiProblem.conflict("Integration " + integrationId + " is disabled; enable it to sync", List.of());
        }
        UUID id = requestRun(
                caller.tenantId(), integrationId, mode, streams, Boolean.TRUE.equals(request.dryRun()), caller.actor());
        audit.record(
                caller,
                "sync.requested",
                "sync_session",
                id.toString(),
                null,
                Map.of(
                        "integration",
                        integrationId,
                        "mode",
                        mode,
                        "streams",
                        streams,
                        "dryRun",
                        Boolean.TRUE.equals(request.dryRun())));
        return sessions.find(caller.tenantId(), id).orElseThrow();
    }

    /**
     * Creates a queued session and schedules its job now; in the caller's transaction.
     *
     * @throws ApiProblem 409 when the integration already has a queued, running or held session
     */
    UUID requestRun(
            UUID tenantId, UUID integrationId, String mode, List<String> streams, boolean dryRun, String requestedBy) {
        sessions.active(tenantId, integrationId).ifPresent(active -> {
            throw busy(integrationId, active);
        });
        UUID id = UUID.randomUUID();
        // The job row first: it is in this transaction too (db-scheduler uses a transaction-aware data
        // source), so the job cannot start before the session exists, and a refused job leaves nothing.
        boolean scheduled = scheduler.scheduleIfNotExists(
                runTask.instance(integrationId.toString(), id.toString()), clock.instant());
        if (!scheduled) {
            throw busy(integrationId, null);
        }
        jdbc.sql("""
                        insert into sync_session (id, tenant_id, integration_id, mode, streams, dry_run, state,
                            requested_by)
                        values (:id, :tenant, :integration, :mode, string_to_array(:streams, ','), :dryRun, 'queued',
                            :requestedBy)""")
                .param("id", id)
                .param("tenant", tenantId)
                .param("integration", integrationId)
                .param("mode", mode)
                .param("streams", String.join(",", streams))
                .param("dryRun", dryRun)
                .param("requestedBy", requestedBy)
                .update();
        return id;
    }

    @Transactional(readOnly = true)
    public SyncSession get(Caller caller, UUID id) {
        return sessions.find(caller.tenantId(), id)
                .orElseThrow(() -> ApiProblem.notFound("Sync session", id.toString()));
    }

    @Transactional(readOnly = true)
    public List<SyncSession> list(
            Caller caller, UUID integrationId, @Nullable String state, @Nullable String mode, int limit, int offset) {
        integrations.get(caller, integrationId);
        return sessions.list(caller.tenantId(), integrationId, state, mode, limit, offset);
    }

    /** The tenant's sessions across integrations, newest first, narrowed by the filters given. */
    @Transactional(readOnly = true)
    public List<SyncSession> search(
            Caller caller,
            @Nullable UUID integrationId,
            @Nullable String state,
            @Nullable String mode,
            @Nullable KeysetCursor before,
            int limit) {
        return sessions.search(caller.tenantId(), integrationId, state, mode, before, limit);
    }

    @Transactional(readOnly = true)
    public List<SyncSessions.StagedChange> changes(Caller caller, UUID id, int limit, int offset) {
        get(caller, id);
        return sessions.changes(caller.tenantId(), id, limit, offset);
    }

    @Transactional(readOnly = true)
    public long changeCount(Caller caller, UUID id) {
        return sessions.changeCount(caller.tenantId(), id);
    }

    /** Cancels a queued or running session; a held one is rejected. */
    public SyncSession cancel(Caller caller, UUID id) {
        SyncSessions.Row row = row(caller, id);
        switch (row.state()) {
            case "queued" -> {
                sessions.requestCancel(id);
                if (claim(id, "queued", "cancelled")) {
                    jdbc.sql("update sync_session set finished_at = now(), stage = 'cancelled' where id = :id")
                            .param("id", id)
                            .update();
                    try {
                        scheduler.cancel(TaskInstanceId.of(
                                runTask.getName(), row.integrationId().toString()));
                    } catch (RuntimeException e) {
                        // already picked: the job sees the session cancelled and ends at once
                    }
                }
            }
            case "running" -> sessions.requestCancel(id);
            case "held" -> {
                return reject(caller, id);
            }
            default ->
                throw ApiProblem.conflict(
                        "Sync session " + id + " is " + row.state() + "; only a queued, running or held session can be"
                                + " cancelled",
                        List.of());
        }
        audit.record(caller, "sync.cancelled", "sync_session", id.toString(), Map.of("state", row.state()), null);
        return get(caller, id);
    }

    /** Applies a held session's staged changes, exactly those the operator saw. */
    public SyncSession approve(Caller caller, UUID id) {
        SyncSessions.Row row = held(caller, id, "approved");
        try {
            engine.approve(context(row));
        } catch (RuntimeException e) {
            claim(id, "running", "held"); // nothing was applied: the transaction rolled back
            throw e;
        }
        sessions.decided(id, caller.actor());
        audit.record(
                caller,
                "sync.approved",
                "sync_session",
                id.toString(),
                Map.of("state", "held"),
                Map.of("state", "succeeded"));
        return get(caller, id);
    }

    /** Drops a held session's staged changes; the roster stays as it was. */
    public SyncSession reject(Caller caller, UUID id) {
        SyncSessions.Row row = held(caller, id, "rejected");
        engine.reject(context(row), "rejected by " + caller.actor());
        sessions.decided(id, caller.actor());
        audit.record(
                caller,
                "sync.rejected",
                "sync_session",
                id.toString(),
                Map.of("state", "held"),
                Map.of("state", "cancelled"));
        return get(caller, id);
    }

    private SyncSessions.Row held(Caller caller, UUID id, String verb) {
        SyncSessions.Row row = row(caller, id);
        if (!row.state().equals("held") || !claim(id, "held", "running")) {
            throw ApiProblem.conflict(
                    "Sync session " + id + " is " + row.state() + "; only a held session can be " + verb, List.of());
        }
        return row;
    }

    /** Moves a session from one state to another if it is still in the first; false when another caller won. */
    private boolean claim(UUID id, String from, String to) {
        return jdbc.sql("update sync_session set state = :to where id = :id and state = :from")
                        .param("to", to)
                        .param("id", id)
                        .param("from", from)
                        .update()
                == 1;
    }

    private SyncSessions.Row row(Caller caller, UUID id) {
        return sessions.row(caller.tenantId(), id)
                .orElseThrow(() -> ApiProblem.notFound("Sync session", id.toString()));
    }

    private static RunContext context(SyncSessions.Row row) {
        return new RunContext(
                row.tenantId(),
                row.integrationId(),
                row.id(),
                SyncMode.valueOf(row.mode().toUpperCase(Locale.ROOT)),
                row.streams(),
                row.dryRun());
    }

    private static ApiProblem busy(UUID integrationId, @Nullable UUID active) {
        return ApiProblem.conflict(
                "Integration " + integrationId + " already has a sync "
                        + (active == null ? "scheduled or running" : "session " + active + " queued, running or held")
                        + "; wait for it to end, or cancel it",
                List.of());
    }
}
