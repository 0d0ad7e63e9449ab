package dev.rollcall.server.webhooks;

import dev.rollcall.connector.api.SourceRecord;
import java.util.List;
import java.util.UUID;

/**
 * Where processed webhook records go: the sync engine's single-record path (classification, mapping,
 * journal; a record older than the stored one is skipped). Implemented by the engine's wiring.
 */
public interface WebhookChangeSink {

    /**
     * Applies the records of one event in order, in one transaction.
     *
     * @param deletedIds external ids (per stream) that the upstream no longer has
     */
    void apply(UUID tenantId, UUID integrationId, List<SourceRecord> records, List<Deleted> deletedIds)
            throws Exception;

    /** A record the upstream answered 404 for after an event named it. */
    record Deleted(String stream, String externalId) {}
}
