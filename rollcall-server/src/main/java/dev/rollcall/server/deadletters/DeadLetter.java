package dev.rollcall.server.deadletters;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A dead letter as the API shows it: where it came from ({@code source} {@code sync} or {@code
 * webhook}, the integration, the session, the stream and stage, the upstream's external id), why it
 * failed, how often it was tried, and whether it was resolved ({@code resolution} {@code replayed} or
 * {@code discarded}). {@code payload} is only in the answer for one dead letter, not in lists.
 */
public record DeadLetter(
        UUID id,
        @Nullable UUID integrationId,
        @Nullable String integrationName,
        @Nullable UUID sessionId,
        String source,
        @Nullable String stream,
        String stage,
        @Nullable String externalId,
        String errorKind,
        @Nullable String errorClass,
        String errorMessage,
        int attempts,
        Instant createdAt,
        Instant lastAttemptAt,
        @Nullable Instant resolvedAt,
        @Nullable String resolution,
        @Nullable JsonNode payload) {

    /** Open: waiting for a decision. */
    public boolean open() {
        return resolvedAt == null;
    }
}
