package dev.rollcall.connector.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One page request.
 *
 * @param stream the stream name, one of the descriptor's
 * @param mode full or delta
 * @param checkpoint where to continue; null for the first page of a read
 * @param since for {@link ReadMode#DELTA}: the watermark, already moved back by the engine's overlap
 *     window; the connector returns records modified at or after it. Null for full reads.
 * @param pageSize the page size the engine would like; a connector may return fewer (its upstream's
 *     maximum) but never silently more than it can hold
 * @param known what the store holds of the stream's records, by their {@link SourceRecord#sourceHash
 *     source hash}; null when the engine cannot tell (a delta), or for a connector that makes none
 */
public record ReadRequest(
        String stream,
        ReadMode mode,
        @Nullable Checkpoint checkpoint,
        @Nullable Instant since,
        int pageSize,
        @Nullable KnownRecords known) {

    public ReadRequest {
        if (mode == ReadMode.DELTA && since == null) {
            throw new IllegalArgumentException("a delta read needs a watermark ('since')");
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, but was " + pageSize);
        }
    }

    public ReadRequest(
            String stream, ReadMode mode, @Nullable Checkpoint checkpoint, @Nullable Instant since, int pageSize) {
        this(stream, mode, checkpoint, since, pageSize, null);
    }

    public static ReadRequest full(String stream, @Nullable Checkpoint checkpoint, int pageSize) {
        return new ReadRequest(stream, ReadMode.FULL, checkpoint, null, pageSize);
    }

    public static ReadRequest delta(String stream, Instant since, @Nullable Checkpoint checkpoint, int pageSize) {
        return new ReadRequest(stream, ReadMode.DELTA, checkpoint, since, pageSize);
    }

    /** This request, with what the store holds of the stream's records. */
    public ReadRequest withKnown(@Nullable KnownRecords known) {
        return new ReadRequest(stream, mode, checkpoint, since, pageSize, known);
    }
}
