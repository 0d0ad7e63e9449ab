package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.ConnectorDescriptor;
import dev.rollcall.engine.sync.internal.ConnectorReader;
import dev.rollcall.engine.sync.internal.RunExecution;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs syncs. A run reads the planned streams in entity order, page by page, and for each page
 * commits, in one transaction through the {@link SyncStore}, the changes it found (new, changed,
 * deleted, undeleted records; unchanged ones cost nothing), the records waiting for a reference,
 * the dead letters, and the checkpoint. Nothing reaches the roster until the run completes: then
 * the mass-change guard either lets the store apply every staged change in one transaction or holds
 * the session for an operator. A run started again on the same session (after a crash) resumes
 * from the last committed checkpoint.
 *
 * <p><b>Threading.</b> Thread-safe: each call works on its own run. One session must not be run by
 * two threads at once; the caller guarantees that (the server's job engine does).
 */
public final class SyncEngine {

    private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

    private final SyncStore store;
    private final Sleeper sleeper;

    public SyncEngine(SyncStore store, Sleeper sleeper) {
        this.store = store;
        this.sleeper = sleeper;
    }

    /**
     * Runs (or resumes) the session of {@code run} against an open connector, which the caller
     * closes. Returns how it ended; a connector failure that retrying did not cure, a cancellation
     * and a held run are outcomes, not exceptions.
     *
     * @param cancelled polled between pages and retries; true ends the run as cancelled, nothing applied
     * @throws IllegalArgumentException when the run names a stream the connector does not have
     * @throws InterruptedException when the thread is interrupted; the session stays running and
     *     resumes from its last checkpoint when run again
     */
    public RunOutcome run(
            RunContext run,
            Connector connector,
            ConnectorDescriptor descriptor,
            SyncSettings settings,
            BooleanSupplier cancelled)
            throws InterruptedException {
        List<StreamPlan> plan = RunPlanner.plan(descriptor, run, settings, stream -> store.watermark(run, stream));
        ConnectorReader reader = new ConnectorReader(connector, settings, sleeper, cancelled);
        RunExecution execution = new RunExecution(run, store, settings, reader, cancelled);
        try {
            return execution.execute(plan);
        } catch (RuntimeException e) {
            String reason = "internal failure: " + e;
            log.error("session {} failed", run.sessionId(), e);
            SyncStats stats = store.stats(run);
            store.complete(new RunCompletion(run, RunState.FAILED, false, true, stats, reason, null));
            return new RunOutcome(RunState.FAILED, stats, reason, null);
        }
    }

    /** Applies a held session's staged changes, as they were when it was held. */
    public RunOutcome approve(RunContext run) {
        SyncStats stats = store.stats(run);
        store.complete(new RunCompletion(run, RunState.SUCCEEDED, true, true, stats, null, null));
        return new RunOutcome(RunState.SUCCEEDED, stats, null, null);
    }

    /** Drops a held session's staged changes; the roster stays as it was. */
    public RunOutcome reject(RunContext run, String reason) {
        SyncStats stats = store.stats(run);
        store.complete(new RunCompletion(run, RunState.CANCELLED, false, true, stats, reason, null));
        return new RunOutcome(RunState.CANCELLED, stats, reason, null);
    }
}
