package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.connector.api.model.EntityType;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One change a run makes to the canonical roster, as the engine hands it to the store.
 *
 * @param checksum the checksum of the source record (external references), what the next run
 *     compares against
 * @param record the canonical OneRoster JSON in Rollcall's terms: {@code sourcedId} is {@code
 *     localId} and every reference points at a local id; null only for a delete of a tombstone
 * @param newMapping how the mapping was made when this run links the external id for the first time;
 *     null when the ledger already links it
 * @param sourceHash the hash of the source record's bytes, stored with the checksum (null when the
 *     connector made none, or for a delete of a record not seen)
 */
public record StagedRecord(
        EntityType entityType,
        Operation operation,
        String externalId,
        UUID localId,
        Checksum checksum,
        boolean deleted,
        @Nullable JsonNode record,
        @Nullable Instant sourceUpdatedAt,
        @Nullable MatchedBy newMapping,
        @Nullable Checksum sourceHash) {}
