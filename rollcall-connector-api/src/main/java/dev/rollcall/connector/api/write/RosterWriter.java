package dev.rollcall.connector.api.write;

import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.model.RosterEntity;
import org.jspecify.annotations.Nullable;

/**
 * Writes to an upstream that accepts them (TimeBack does; standard OneRoster rostering does not).
 * Called by the outbox pusher, one write at a time per integration, with the same gateway as reads.
 * Writes must be idempotent where the upstream allows it: the pusher retries after a crash.
 */
public interface RosterWriter {

    /**
     * Creates, updates or deletes one record upstream.
     *
     * @param externalId the upstream id, or null for a create that lets the upstream allocate one
     * @param entity the record to write; null for a delete
     */
    WriteResult write(
            WriteOperation operation, String stream, @Nullable String externalId, @Nullable RosterEntity entity)
            throws ConnectorException;
}
