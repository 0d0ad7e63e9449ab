package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.Checkpoint;
import org.jspecify.annotations.Nullable;

/**
 * How far a session got in one stream: the checkpoint after the last committed page (null before
 * the first), the pages committed, and whether the stream is done.
 */
public record StreamPosition(@Nullable Checkpoint checkpoint, int pages, boolean completed) {

    public static final StreamPosition START = new StreamPosition(null, 0, false);
}
