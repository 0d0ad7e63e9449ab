package dev.rollcall.engine.sync.internal;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.engine.sync.DeferredRecord;
import dev.rollcall.engine.sync.NaturalKey;
import dev.rollcall.engine.sync.PageCommit;
import dev.rollcall.engine.sync.RunCompletion;
import dev.rollcall.engine.sync.RunContext;
import dev.rollcall.engine.sync.StoredRecord;
import dev.rollcall.engine.sync.StreamPosition;
import dev.rollcall.engine.sync.SyncStats;
import dev.rollcall.engine.sync.SyncStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A run's view of its store in which a page commit overlaps the reading of the next page: {@link
 * #commitPage} prepares the page ({@link SyncStore#prepareCommit}: on the run's thread, while the
 * page before is still being committed), hands it to a background thread and returns; every other
 * call, and the next commit, first waits for that commit to finish. So at most one page is in flight, commits happen in
 * the order the run made them, a read of the store always sees every page committed before it, and
 * a commit that fails surfaces (as the same exception or error) at the run's next call instead of
 * being lost: a page after a failed one is never committed. On a 2-core machine this lets PostgreSQL
 * write page n while the connector fetches and the engine classifies page n + 1.
 *
 * <p><b>Threading.</b> Called by the run's thread only; commits run on one daemon thread that
 * {@link #close()} ends after the last commit.
 */
public final class PipelinedStore implements SyncStore, AutoCloseable {

    private final SyncStore store;
    private final ExecutorService committer;
    private @Nullable Future<?> inFlight;

    public PipelinedStore(SyncStore store, String name) {
        this.store = store;
        this.committer = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name(name).factory());
    }

    /** Waits for the commit in flight, if any, and rethrows what it threw. */
    private void settle() {
        Future<?> pending = inFlight;
        if (pending == null) {
            return;
        }
        inFlight = null;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    pending.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the commit is under way: let it end, then keep the interrupt
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException("a page commit failed", cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void commitPage(PageCommit commit) {
        Runnable prepared = store.prepareCommit(commit); // while the page before is being committed
        settle();
        inFlight = committer.submit(prepared);
    }

    @Override
    public Runnable prepareCommit(PageCommit commit) {
        return () -> commitPage(commit);
    }

    @Override
    public void loadIndex(RunContext run, EntityType type, Consumer<StoredRecord> sink) {
        settle();
        store.loadIndex(run, type, sink);
    }

    @Override
    public void lookup(RunContext run, EntityType type, Collection<String> externalIds, Consumer<StoredRecord> sink) {
        settle();
        store.lookup(run, type, externalIds, sink);
    }

    @Override
    public long activeRecords(RunContext run, EntityType type, long atMost) {
        settle();
        return store.activeRecords(run, type, atMost);
    }

    @Override
    public boolean firstLoad(RunContext run) {
        settle();
        return store.firstLoad(run);
    }

    @Override
    public Map<String, UUID> matchNaturalKeys(
            RunContext run, EntityType type, NaturalKey key, Collection<String> values) {
        settle();
        return store.matchNaturalKeys(run, type, key, values);
    }

    @Override
    public StreamPosition position(RunContext run, String stream) {
        settle();
        return store.position(run, stream);
    }

    @Override
    public void seen(RunContext run, String stream, Consumer<String> sink) {
        settle();
        store.seen(run, stream, sink);
    }

    @Override
    public List<DeferredRecord> deferred(RunContext run) {
        settle();
        return store.deferred(run);
    }

    @Override
    public SyncStats stats(RunContext run) {
        settle();
        return store.stats(run);
    }

    @Override
    public Optional<Instant> watermark(RunContext run, String stream) {
        settle();
        return store.watermark(run, stream);
    }

    @Override
    public void started(RunContext run, String stage) {
        settle();
        store.started(run, stage);
    }

    @Override
    public void complete(RunCompletion completion) {
        settle();
        store.complete(completion);
    }

    /**
     * Waits for the commit in flight and ends the background thread. Rethrows a failure of that
     * commit, unless the run is already ending with one ({@code quietly}).
     */
    public void close(boolean quietly) {
        try {
            settle();
        } catch (RuntimeException | Error e) {
            if (!quietly) {
                throw e;
            }
        } finally {
            committer.shutdown();
        }
    }

    @Override
    public void close() {
        close(false);
    }
}
