package dev.rollcall.engine.sync;

/** How a new mapping in the ledger came about (the {@code matched_by} column). */
public enum MatchedBy {
    /** No local record matched: a new one was created. */
    CREATED,
    /** An existing local record had the same natural key. */
    NATURAL_KEY;

    public String wireName() {
        return this == CREATED ? "created" : "natural-key";
    }
}
