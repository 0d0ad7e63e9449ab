package dev.rollcall.connector.api;

import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.model.RosterEntity;
import dev.rollcall.connector.api.model.Status;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One record as a connector read it.
 *
 * @param externalId the upstream's id ({@code sourcedId} for OneRoster)
 * @param entityType the canonical entity
 * @param sourceUpdatedAt when the upstream last changed it, if it says
 * @param entity the canonical record; may be null only when {@code deleted}
 * @param payload the record exactly as the upstream sent it, unknown fields included; stored as is
 * @param deleted true when the upstream says it is gone ({@code tobedeleted}, or a tombstone)
 * @param sourceHash the hash of the record exactly as the upstream sent it (its bytes), when the
 *     connector makes one: the same bytes give the same hash, and the same hash tells that the
 *     record would read as the same canonical record. Stored beside the record, so that the next
 *     full read may skip reading it in full ({@link KnownRecords}); null when the connector has none.
 */
public record SourceRecord(
        String externalId,
        EntityType entityType,
        @Nullable Instant sourceUpdatedAt,
        @Nullable RosterEntity entity,
        JsonNode payload,
        boolean deleted,
        @Nullable Checksum sourceHash) {

    public SourceRecord {
        if (externalId == null || externalId.isBlank()) {
            throw new IllegalArgumentException("a source record needs an external id");
        }
        if (entity == null && !deleted) {
            throw new IllegalArgumentException("record " + externalId + " has no entity and is not deleted");
        }
        if (entity != null && entity.entityType() != entityType) {
            throw new IllegalArgumentException(
                    "record " + externalId + " is a " + entity.entityType() + ", not a " + entityType);
        }
    }

    /** A record without a source hash. */
    public SourceRecord(
            String externalId,
            EntityType entityType,
            @Nullable Instant sourceUpdatedAt,
            @Nullable RosterEntity entity,
            JsonNode payload,
            boolean deleted) {
        this(externalId, entityType, sourceUpdatedAt, entity, payload, deleted, null);
    }

    /** This record with the hash of its bytes as the upstream sent them. */
    public SourceRecord withSourceHash(@Nullable Checksum hash) {
        return new SourceRecord(externalId, entityType, sourceUpdatedAt, entity, payload, deleted, hash);
    }

    /** A record read from its canonical entity; deleted when its status is {@code tobedeleted}. */
    public static SourceRecord of(RosterEntity entity, JsonNode payload) {
        return new SourceRecord(
                entity.sourcedId(),
                entity.entityType(),
                entity.dateLastModified(),
                entity,
                payload,
                entity.status() == Status.TO_BE_DELETED);
    }
}
