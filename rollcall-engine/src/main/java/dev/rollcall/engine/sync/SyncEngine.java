package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.ConnectorDescriptor;
import dev.rollcall.engine.sync.internal.ConnectorReader;
import dev.rollcall.engine.sync.internal.PipelinedStore;
import dev.rollcall.engine.sync.internal.RunExecution;
import dev.rollcall.engine.sync.internal.TimeOrderedIds;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs syncs. A run reads the planned streams in entity order, page by page, and for each page
 * commits, in one transaction through the {@link SyncStore}, the changes it found (new, changed,
 * deleted, undeleted records; unchanged ones cost nothing), the records waiting for a reference,
 * the dead letters, and the checkpoint. Staged changes reach the roster when the run completes: then
 * the mass-change guard either lets the store apply them in one transaction or holds the session for
 * an operator. A first load (the integration has nothing mapped yet) applies its new records with
 * each page instead, in the page's transaction: there is nothing for the guard to protect. A run started again on the same session (after a crash) resumes
 * from the last committed checkpoint.
 *
 * <p><b>Threading.</b> Thread-safe: each call works on its own run. A run commits each page on a
 * thread of its own while it reads the next one (at most one page in flight, commits in order). One session must not be run by
 * two threads at once; the caller guarantees that (the server's job engine does).
 */
public final class SyncEngine {

    private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

    private final SyncStore store;
    private final Sleeper sleeper;
    private final Clock clock;

    public SyncEngine(SyncStore store, Sleeper sleeper) {
        this(store, sleeper, Clock.systemUTC());
    }

    /** @param clock the time in new records' local ids (time-ordered UUIDs) */
    public SyncEngine(SyncStore store, Sleeper sleeper, Clock clock) {
        this.store = store;
        this.sleeper = sleeper;
        this.clock = clock;
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
        PipelinedStore pipelined = new PipelinedStore(store, "sync-commit-" + run.sessionId());
        RunExecution execution =
                new RunExecution(run, pipelined, settings, reader, cancelled, new TimeOrderedIds(clock));
        try {
            RunOutcome outcome = execution.execute(plan);
            pipelined.close();
            return outcome;
        } catch (RuntimeException e) {
            pipelined.close(true);
            String reason = "internal failure: " + e;
            log.error("session {} failed", run.sessionId(), e);
            SyncStats stats = store.stats(run);
            store.complete(new RunCompletion(run, RunState.FAILED, false, true, stats, reason, null));
            return new RunOutcome(RunState.FAILED, stats, reason, null);
        } finally {
            pipelined.close(true); // after an Error or an interrupt: let the page in flight end
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
