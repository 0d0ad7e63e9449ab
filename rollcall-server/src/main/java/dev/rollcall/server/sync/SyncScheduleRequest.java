package dev.rollcall.server.sync;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code PUT /api/v1/integrations/{id}/sync-schedule}: either a {@code cron} expression (six
 * fields, seconds first, UTC) or an {@code intervalSeconds} (60 or more), or neither (manual runs
 * only); the run {@code mode} ({@code delta} by default); the engine {@code settings}.
 */
public record SyncScheduleRequest(
        @Nullable String cron,
        @Nullable Integer intervalSeconds,
        @Nullable String mode,
        @Nullable Boolean paused,
        @Nullable JsonNode settings) {}
