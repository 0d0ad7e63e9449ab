package dev.rollcall.connector.api.write;

/** What a write does upstream. */
public enum WriteOperation {
    CREATE,
    UPDATE,
    /** A delete; upstreams such as TimeBack turn it into a soft delete ({@code tobedeleted}). */
    DELETE
}
