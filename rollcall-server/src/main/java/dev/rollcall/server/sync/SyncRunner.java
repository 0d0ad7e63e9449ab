package dev.rollcall.server.sync;

import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.ConnectorDescriptor;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.engine.ConnectorCatalog;
import dev.rollcall.engine.sync.RunContext;
import dev.rollcall.engine.sync.RunOutcome;
import dev.rollcall.engine.sync.RunState;
import dev.rollcall.engine.sync.SyncEngine;
import dev.rollcall.engine.sync.SyncMode;
import dev.rollcall.engine.sync.SyncSettings;
import dev.rollcall.server.connectors.ConnectorRuntime;
import dev.rollcall.server.integrations.IntegrationService;
import dev.rollcall.server.integrations.ResolvedIntegration;
import dev.rollcall.server.web.ApiProblem;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Executes one sync session, called by the {@code sync-run} job. A session that a crashed instance
 * left {@code running} is executed again by db-scheduler's dead-execution handling and resumes
 * from its last committed checkpoint. Cancellation is read from the session row before each page.
 */
@Component
public class SyncRunner {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

    private final SyncSessions sessions;
    private final SyncEngine engine;
    private final ConnectorRuntime runtime;
    private final ConnectorCatalog catalog;
    private final IntegrationService integrations;
    private final SyncSchedules schedules;

    SyncRunner(
            SyncSessions sessions,
            SyncEngine engine,
            ConnectorRuntime runtime,
            ConnectorCatalog catalog,
            IntegrationService integrations,
            SyncSchedules schedules) {
        this.sessions = sessions;
        this.engine = engine;
        this.runtime = runtime;
        this.catalog = catalog;
        this.integrations = integrations;
        this.schedules = schedules;
    }

    /**
     * Runs the session to its end (or to held).
     *
     * @throws InterruptedException when the instance shuts down mid-run; the session stays running and
     *     the job is retried, resuming from the checkpoint
     */
    public void execute(UUID sessionId) throws InterruptedException {
        try {
            run(sessionId);
        } catch (RuntimeException e) {
            // A failure outside the engine (which records its own): the session must not stay queued.
            log.error("sync session {} failed", sessionId, e);
            sessions.end(sessionId, "failed", "internal failure: " + e.getMessage());
        }
    }

    private void run(UUID sessionId) throws InterruptedException {
        SyncSessions.Row session = sessions.rowForJob(sessionId).orElse(null);
        if (session == null
                || !(session.state().equals("queued") || session.state().equals("running"))) {
            return; // cancelled while queued, or already ended
        }
        if (sessions.cancelRequested(sessionId) && session.state().equals("queued")) {
            sessions.end(sessionId, "cancelled", "cancelled before it started");
            return;
        }
        RunContext run = new RunContext(
                session.tenantId(),
                session.integrationId(),
                sessionId,
                SyncMode.valueOf(session.mode().toUpperCase(Locale.ROOT)),
                session.streams(),
                session.dryRun());
        ResolvedIntegration integration;
        try {
            integration = integrations.resolve(session.tenantId(), session.integrationId());
        } catch (ApiProblem e) {
            sessions.end(sessionId, "failed", "the integration no longer exists");
            return;
        }
        ConnectorDescriptor descriptor = catalog.find(integration.connector())
                .map(factory -> factory.descriptor())
                .orElse(null);
        if (descriptor == null) {
            sessions.end(sessionId, "failed", "connector '" + integration.connector() + "' is not installed");
            return;
        }
        SyncSettings settings = schedules.settings(session.tenantId(), session.integrationId());
        try (Connector connector = runtime.open(session.tenantId(), session.integrationId())) {
            RunOutcome outcome = engine.run(run, connector, descriptor, settings, cancellation(sessionId));
            log.info(
                    "sync session {} of integration {} ended {}: {}",
                    sessionId,
                    session.integrationId(),
                    outcome.state().wireName(),
                    outcome.error() == null ? "ok" : outcome.error());
            if (outcome.state() == RunState.RUNNING) {
                throw new IllegalStateException("session " + sessionId + " did not end");
            }
        } catch (ConnectorException e) {
            sessions.end(sessionId, "failed", "could not open the connector: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            sessions.end(sessionId, "failed", e.getMessage());
        }
    }

    /** Asked once per page (and between retries): one indexed read, small beside a page. */
    private BooleanSupplier cancellation(UUID sessionId) {
        return () -> sessions.cancelRequested(sessionId);
    }
}
