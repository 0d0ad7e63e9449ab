package dev.rollcall.connector.api;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A record in a page that could not be turned into a canonical record. The engine sends it to dead
 * letters with this context and the run continues.
 *
 * @param externalId the record's id, when it could be read
 * @param reason why, naming the field, e.g. {@code roles[0].org: is required}
 * @param payload the raw record, so an operator can see and replay it
 */
public record RecordError(
        @Nullable String externalId,
        String reason,
        @Nullable JsonNode payload) {}
