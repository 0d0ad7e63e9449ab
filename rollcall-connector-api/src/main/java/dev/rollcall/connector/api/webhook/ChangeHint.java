package dev.rollcall.connector.api.webhook;

import dev.rollcall.connector.api.SourceRecord;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one webhook event says changed: a stream and an external id, when it happened, and the full
 * record when the event carries it (otherwise the engine fetches it).
 */
public record ChangeHint(
        String eventId,
        String stream,
        String externalId,
        @Nullable Instant occurredAt,
        @Nullable SourceRecord record) {}
