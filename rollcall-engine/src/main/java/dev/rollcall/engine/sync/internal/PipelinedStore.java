package dev.rollcall.engine.sync.internal;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.engine.sync.DeferredRecord;
import dev.rollcall.engine.sync.MassChangeReport;
import dev.rollcall.engine.sync.NaturalKey;
import dev.rollcall.engine.sync.PageCommit;
import dev.rollcall.engine.sync.RunCompletion;
import dev.rollcall.engine.sync.RunContext;
import dev.rollcall.engine.sync.StoredRecord;
import dev.rollcall.engine.sync.StreamPosition;
import dev.rollcall.engine.sync.SyncStats;
import dev.rollcall.engine.sync.SyncStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A run's view of its store in which page commits overlap the reading of the next pages and each
 * other: {@link #commitPage} prepares the page ({@link SyncStore#prepareCommit(PageCommit, Runnable)}:
 * on the run's thread, while earlier pages are still being committed), hands it to a background
 * thread and returns. At most {@value #IN_FLIGHT} commits are in flight: the next one waits for the
 * oldest. Each commit runs the part of its transaction that needs no predecessor at once, then waits
 * for the commit before it; so commits happen in the order the run made them, and a page after a
 * failed one is never committed (its transaction rolls back). Every other call but the look-ups
 * waits for every commit in flight, so a read of the store sees every page committed before it, and
 * a commit that fails surfaces (as the same exception or error) at the run's next such call instead
 * of being lost. On a 2-core machine this lets PostgreSQL write page n on one connection and begin
 * page n + 1 on another while the connector fetches and the engine classifies page n + 2.
 *
 * <p><b>Threading.</b> Called by the run's thread only; commits run on {@value #IN_FLIGHT} daemon
 * threads that {@link #close()} ends after the last commit.
 */
public final class PipelinedStore implements SyncStore, AutoCloseable {

    static final int IN_FLIGHT = 2;

    private final SyncStore store;
    private final ExecutorService committers;
    private final Deque<Future<?>> inFlight = new ArrayDeque<>();

    public PipelinedStore(SyncStore store, String name) {
        this.store = store;
        this.committers = Executors.newFixedThreadPool(
                IN_FLIGHT, Thread.ofPlatform().daemon().name(name + "-", 0).factory());
    }

    /** The predecessor of a commit failed: the commit rolled back and committed nothing. */
    static final class PredecessorFailed extends RuntimeException {
        PredecessorFailed(Throwable cause) {
            super("the page commit before this one failed", cause, false, false);
        }
    }

    /** Waits for every commit in flight, oldest first, and rethrows what the first that failed threw. */
    private void settle() {
        settle(0);
    }

    /** Waits for the oldest commits in flight until at most {@code left} remain. */
    private void settle(int left) {
        Throwable failure = null;
        boolean interrupted = false;
        try {
            while (inFlight.size() > left || (failure != null && !inFlight.isEmpty())) {
                Future<?> pending = inFlight.peekFirst();
                try {
                    pending.get();
                    inFlight.removeFirst();
                } catch (InterruptedException e) {
                    interrupted = true; // the commit is under way: let it end, then keep the interrupt
                } catch (ExecutionException e) {
                    inFlight.removeFirst();
                    if (failure == null) {
                        failure = e.getCause(); // the ones after it failed for it: wait for them, report it
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException("a page commit failed", failure);
        }
    }

    @Override
    public void commitPage(PageCommit commit) {
        Future<?> predecessor = inFlight.peekLast();
        // prepared while the pages before are being committed
        Runnable prepared = store.prepareCommit(commit, () -> await(predecessor));
        settle(IN_FLIGHT - 1);
        inFlight.addLast(committers.submit(prepared));
    }

    /** On a committer thread: returns once the commit before has committed; throws when it failed. */
    private static void await(@Nullable Future<?> predecessor) {
        if (predecessor == null) {
            return;
        }
        try {
            predecessor.get();
        } catch (ExecutionException e) {
            throw new PredecessorFailed(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PredecessorFailed(e);
        }
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

    /**
     * The one read that does not wait for the commits in flight, so that a page's look-up overlaps
     * the commit of the page before it. A run looks up only external ids its index does not hold,
     * and every record a page commits is in the index from the moment it was classified (staged,
     * reserved for a new mapping, or deferred): no commit in flight writes a record, a mapping or a
     * staged change that a look-up asks about.
     */
    @Override
    public void lookup(RunContext run, EntityType type, Collection<String> externalIds, Consumer<StoredRecord> sink) {
        store.lookup(run, type, externalIds, sink);
    }

    /** Does not wait for the commits in flight either, for the same reason as {@link #lookup}. */
    @Override
    public void lookupLocalIds(
            RunContext run, EntityType type, Collection<String> externalIds, BiConsumer<String, UUID> sink) {
        store.lookupLocalIds(run, type, externalIds, sink);
    }

    @Override
    public MassChangeReport applyUnlessHeld(
            RunContext run,
            SyncStats stats,
            Map<EntityType, Long> toCount,
            Function<Map<EntityType, Long>, MassChangeReport> guard) {
        settle();
        return store.applyUnlessHeld(run, stats, toCount, guard);
    }

    @Override
    public long activeRecords(RunContext run, EntityType type, long atMost) {
        settle();
        return store.activeRecords(run, type, atMost);
    }

    @Override
    public Map<EntityType, Long> activeRecords(RunContext run, Map<EntityType, Long> atMost) {
        settle();
        return store.activeRecords(run, atMost);
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
            committers.shutdown();
        }
    }

    @Override
    public void close() {
        close(false);
    }
}
