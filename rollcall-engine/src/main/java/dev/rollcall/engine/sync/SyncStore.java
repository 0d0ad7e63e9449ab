package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.model.EntityType;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The engine's storage port. The store owns the roster, the mapping ledger, the change journal,
 * the sessions and their checkpoints; the engine decides, the store writes.
 *
 * <p><b>Contract.</b> {@link #commitPage} and {@link #complete} are each one transaction: after a
 * crash either all of it is there or none. Staged changes reach the roster only through {@link
 * #complete} with {@code apply}, so a held, failed or cancelled run leaves the roster as it was, with
 * one exception: a first load ({@link #firstLoad}) hands its new records to {@link #commitPage} as
 * {@link PageCommit#applied()}, which go into the roster, the mapping ledger and the change journal
 * in the page's transaction (there is nothing for the mass-change guard to protect yet), so a
 * cancelled or failed first load keeps the pages it committed and the next run goes on from them.
 *
 * <p><b>Threading.</b> One run calls its store from one thread; different runs (different
 * integrations) may call one store from several threads at once.
 */
public interface SyncStore {

    /**
     * Streams what the integration's mapping ledger links for one entity, each external id once,
     * with the state this session already staged taking precedence over the roster's.
     */
    void loadIndex(RunContext run, EntityType type, Consumer<StoredRecord> sink);

    /**
     * What {@link #loadIndex} would stream, for the given external ids only (those the ledger does
     * not link are left out): a delta or webhook run looks up the ids on its pages instead of loading
     * every record of the entity.
     */
    void lookup(RunContext run, EntityType type, Collection<String> externalIds, Consumer<StoredRecord> sink);

    /**
     * The local ids {@link #lookup} would give for the given external ids, and nothing else: what
     * resolving a reference needs. A store may answer from its mapping ledger alone, without reading
     * the records; this default asks {@link #lookup}.
     */
    default void lookupLocalIds(
            RunContext run, EntityType type, Collection<String> externalIds, BiConsumer<String, UUID> sink) {
        lookup(run, type, externalIds, record -> sink.accept(record.externalId(), record.localId()));
    }

    /**
     * Applies the run's staged changes as {@link #complete} does for a run that succeeded, unless
     * the mass-change guard holds it: {@code guard} is given the active records of each entity in
     * {@code toCount}, counted no further than its bound ({@link #activeRecords(RunContext, Map)}),
     * and answers the guard's finding. When that finding {@link MassChangeReport#held holds} the
     * run, nothing is applied and the session is left for the caller to complete as held. A store
     * may count while it applies and roll the apply back when the run is held; this default counts
     * first.
     *
     * @return the guard's finding; applied unless {@link MassChangeReport#held()}
     */
    default MassChangeReport applyUnlessHeld(
            RunContext run,
            SyncStats stats,
            Map<EntityType, Long> toCount,
            Function<Map<EntityType, Long>, MassChangeReport> guard) {
        MassChangeReport finding = guard.apply(activeRecords(run, toCount));
        if (!finding.held()) {
            complete(new RunCompletion(run, RunState.SUCCEEDED, true, true, stats, null, finding));
        }
        return finding;
    }

    /**
     * How many records of the entity the integration's mapping ledger links to roster records that
     * are active now, counting no further than {@code atMost}: the mass-change guard's base for a
     * run that did not load the whole index, which only needs to know whether the base reaches the
     * size under which its changes would be too many.
     */
    long activeRecords(RunContext run, EntityType type, long atMost);

    /**
     * {@link #activeRecords(RunContext, EntityType, long)} for several entities at once, each
     * counting no further than its own bound. A store may count them concurrently; this default
     * counts one after the other.
     */
    default Map<EntityType, Long> activeRecords(RunContext run, Map<EntityType, Long> atMost) {
        Map<EntityType, Long> counts = new EnumMap<>(EntityType.class);
        atMost.forEach((type, bound) -> counts.put(type, activeRecords(run, type, bound)));
        return counts;
    }

    /**
     * Whether the session is a first load: its integration had no current mapping at all when the
     * session first asked. Decided once and kept for the session, so a resumed run answers the same.
     */
    boolean firstLoad(RunContext run);

    /**
     * Finds local records of the tenant with the given natural-key values that no current mapping of
     * this integration already claims. Values are normalised as {@link NaturalKey#valueOf} does.
     */
    Map<String, UUID> matchNaturalKeys(RunContext run, EntityType type, NaturalKey key, Collection<String> values);

    /** How far the session got in a stream; {@link StreamPosition#START} when it has not begun. */
    StreamPosition position(RunContext run, String stream);

    /** The external ids a full read of the stream committed as seen in this session so far. */
    void seen(RunContext run, String stream, Consumer<String> sink);

    /** The session's deferred records, for a resumed run. */
    List<DeferredRecord> deferred(RunContext run);

    /** The session's stats as last committed ({@link SyncStats#EMPTY} for a new session). */
    SyncStats stats(RunContext run);

    /** Up to when the integration's stream has been read by a successful run. */
    Optional<Instant> watermark(RunContext run, String stream);

    /** Marks the session running (or still running, on resume) at the given stage. */
    void started(RunContext run, String stage);

    /** Commits one page's outcome; one transaction. */
    void commitPage(PageCommit commit);

    /**
     * Commits one page in two steps: this call does, on the calling thread, what needs no database
     * (encoding the page's rows, say), so that a run may do it while its previous page is still
     * being committed; running the result is {@link #commitPage}, one transaction. The default
     * prepares nothing.
     */
    default Runnable prepareCommit(PageCommit commit) {
        return () -> commitPage(commit);
    }

    /**
     * {@link #prepareCommit} for a commit that may start while the one before it is still being
     * committed, on another thread. Running the result is one transaction, as {@link #commitPage}:
     * it may first write what no other commit writes and nothing reads before the page is committed
     * (a first load's new roster rows and mappings), then it runs {@code afterPredecessor}, which
     * returns once the commit before has committed and throws when that one failed (the transaction
     * then rolls back: nothing after a failed commit is committed), and only then writes the rest
     * (the journal, whose order is the commit order, the checkpoint) and commits. So commits still
     * happen in the order the run made them. The default waits for the predecessor first.
     */
    default Runnable prepareCommit(PageCommit commit, Runnable afterPredecessor) {
        Runnable prepared = prepareCommit(commit);
        return () -> {
            afterPredecessor.run();
            prepared.run();
        };
    }

    /** Ends the session; one transaction. */
    void complete(RunCompletion completion);
}
