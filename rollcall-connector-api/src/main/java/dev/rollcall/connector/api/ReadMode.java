package dev.rollcall.connector.api;

/** How a stream is read. */
public enum ReadMode {
    /** Every record the upstream has; records not seen are deleted by the engine afterwards. */
    FULL,
    /** Records changed at or after the request's watermark; deletes only as {@code tobedeleted}. */
    DELTA
}
