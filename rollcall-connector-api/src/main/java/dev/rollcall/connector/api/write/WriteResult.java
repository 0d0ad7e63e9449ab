package dev.rollcall.connector.api.write;

import org.jspecify.annotations.Nullable;

/**
 * What the upstream answered to a write.
 *
 * @param externalId the record's upstream id, allocated by the upstream on a create without one
 * @param applied false when the upstream accepted the request but had nothing to change
 */
public record WriteResult(
        String externalId, boolean applied, @Nullable String detail) {}
