package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.model.EntityType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What could not be applied, with the context an operator needs to understand and replay it
 * without reading logs.
 *
 * @param stage where it failed: {@code read} (the connector could not make a record of it) or
 *     {@code resolve} (a reference never turned up)
 * @param errorKind {@code data} or {@code reference}
 * @param message why, naming the field
 */
public record DeadLetter(
        String stream,
        @Nullable EntityType entityType,
        @Nullable String externalId,
        String stage,
        String errorKind,
        @Nullable String errorClass,
        String message,
        @Nullable JsonNode payload,
        int attempts) {}
