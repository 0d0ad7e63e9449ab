package dev.rollcall.engine.sync;

import org.jspecify.annotations.Nullable;

/**
 * How a run ended, as a value: succeeded, held by the mass-change guard, failed (with the reason)
 * or cancelled. Expected outcomes are never exceptions.
 */
public record RunOutcome(
        RunState state,
        SyncStats stats,
        @Nullable String error,
        @Nullable MassChangeReport guard) {}
