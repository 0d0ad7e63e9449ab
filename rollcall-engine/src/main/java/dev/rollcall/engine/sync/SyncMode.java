package dev.rollcall.engine.sync;

import java.util.Locale;

/** How a run reads its streams. */
public enum SyncMode {
    /** Every record; what the upstream no longer has is marked deleted at the end of each stream. */
    FULL,
    /**
     * What changed since the stream's watermark (moved back by the overlap window); deletes only as
     * {@code tobedeleted}. A stream without a watermark yet, or without delta support, is read in full.
     */
    DELTA,
    /**
     * The records of webhook events, handed to the engine by an in-memory connector: every stream is
     * read as a delta (never in full, so nothing unseen is deleted), no watermark moves (the next
     * delta still reads everything since the last sync) and the mass-change guard does not hold it.
     */
    WEBHOOK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
