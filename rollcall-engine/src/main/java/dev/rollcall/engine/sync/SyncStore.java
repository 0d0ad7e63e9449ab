package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.model.EntityType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The engine's storage port. The store owns the roster, the mapping ledger, the change journal,
 * the sessions and their checkpoints; the engine decides, the store writes.
 *
 * <p><b>Contract.</b> {@link #commitPage} and {@link #complete} are each one transaction: after a
 * crash either all of it is there or none. Nothing reaches the roster before {@link #complete} with
 * {@code apply}, so a held, failed or cancelled run leaves the roster as it was.
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

    /** Ends the session; one transaction. */
    void complete(RunCompletion completion);
}
