package dev.rollcall.server.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A sync session as the API shows it.
 *
 * @param stats per entity (OneRoster collection name): read, created, updated, unchanged, deleted, errors
 * @param errors the run's own failure first, if any, then its dead letters (at most 100)
 * @param guard the mass-change guard's finding, when the run got that far
 */
public record SyncSession(
        UUID id,
        UUID integrationId,
        String state,
        String mode,
        boolean dryRun,
        List<String> streams,
        @Nullable String stage,
        String requestedBy,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Long durationMs,
        JsonNode stats,
        List<Error> errors,
        @Nullable JsonNode guard) {

    /** One error of a run: where, what, and why. */
    public record Error(
            String stage,
            String kind,
            @Nullable String stream,
            @Nullable String externalId,
            String message) {}

    static @Nullable Long duration(@Nullable Instant startedAt, @Nullable Instant finishedAt) {
        return startedAt == null || finishedAt == null
                ? null
                : Duration.between(startedAt, finishedAt).toMillis();
    }
}
