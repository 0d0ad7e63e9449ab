package dev.rollcall.connector.api;

/**
 * An opaque position in a stream, made by the connector and stored by the engine after the page
 * that produced it is committed. The connector may put anything in it (an offset, a page token, a
 * cursor with a watermark) but must be able to resume from any checkpoint it ever returned, also
 * in another process after a crash. Keep it small: it is written once per page.
 */
public record Checkpoint(String value) {

    public Checkpoint {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint must not be empty");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
