package dev.rollcall.engine.sync;

import org.jspecify.annotations.Nullable;

/**
 * How a session ends, committed by the store in ONE transaction. With {@code apply}, every staged
 * change of the session goes into the roster in entity order, with its mappings, change-journal
 * entries and field provenance, and the streams' watermarks advance; without it, nothing in the
 * roster changes. {@code discard} removes the staged changes (a rejected, failed or cancelled run);
 * a held or dry run keeps them so that an operator sees exactly what would change.
 */
public record RunCompletion(
        RunContext run,
        RunState state,
        boolean apply,
        boolean discard,
        SyncStats stats,
        @Nullable String error,
        @Nullable MassChangeReport guard) {}
