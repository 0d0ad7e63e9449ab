package dev.rollcall.server.sync;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/integrations/{id}/syncs}: {@code mode} {@code full} or {@code delta} (default
 * {@code delta}); {@code streams} to read only those (a per-stream backfill; empty means all);
 * {@code dryRun} to compute what would change without applying it.
 */
public record SyncRequest(
        @Nullable String mode,
        @Nullable List<String> streams,
        @Nullable Boolean dryRun) {}
