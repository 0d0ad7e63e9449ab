package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.Checkpoint;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything one page produced, which the store commits in ONE transaction: the staged changes,
 * a first load's new records applied at once ({@code applied}: into the roster, with their mappings
 * and change-journal entries), the deferred records, the dead letters, the external ids seen (full reads only, for marking the
 * unseen deleted after a resume), the stream's new position and the session's cumulative stats.
 *
 * @param stream the stream the page belongs to; null for the end-of-run reference pass, which moves
 *     no checkpoint
 * @param checkpoint the connector's checkpoint after this page; null when the stream is complete
 * @param highWatermark the latest source timestamp on the page, if any; the store keeps the maximum
 * @param clearDeferred remove every deferred record of the session (the end-of-run pass took them)
 * @param stage what the run is doing, for the session's {@code stage}
 */
public record PageCommit(
        RunContext run,
        @Nullable String stream,
        List<StagedRecord> staged,
        List<StagedRecord> applied,
        List<DeferredRecord> deferred,
        List<DeadLetter> deadLetters,
        List<String> seen,
        @Nullable Checkpoint checkpoint,
        boolean streamCompleted,
        @Nullable Instant highWatermark,
        SyncStats stats,
        boolean clearDeferred,
        String stage) {

    public PageCommit {
        staged = List.copyOf(staged);
        applied = List.copyOf(applied);
        deferred = List.copyOf(deferred);
        deadLetters = List.copyOf(deadLetters);
        seen = List.copyOf(seen);
    }

    /**
     * This commit without its applied records: what a store keeps of it once it has encoded them
     * for writing, so that their canonical JSON is not held while the page's transaction runs.
     */
    public PageCommit withoutApplied() {
        return applied.isEmpty()
                ? this
                : new PageCommit(
                        run,
                        stream,
                        staged,
                        List.of(),
                        deferred,
                        deadLetters,
                        seen,
                        checkpoint,
                        streamCompleted,
                        highWatermark,
                        stats,
                        clearDeferred,
                        stage);
    }
}
