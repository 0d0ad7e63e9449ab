package dev.rollcall.connector.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A record of a page that the connector did not read in full, because the store holds it exactly
 * as the upstream sent it (see {@link KnownRecords}). The engine counts it as read and unchanged,
 * and as seen by a full read.
 *
 * @param externalId the upstream's id
 * @param sourceUpdatedAt when the upstream last changed it, if it says (for the delta watermark)
 */
public record UnchangedRecord(String externalId, @Nullable Instant sourceUpdatedAt) {

    public UnchangedRecord {
        if (externalId == null || externalId.isBlank()) {
            throw new IllegalArgumentException("an unchanged record needs an external id");
        }
    }
}
