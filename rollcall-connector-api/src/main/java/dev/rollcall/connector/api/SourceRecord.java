package dev.rollcall.connector.api;

import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.model.RosterEntity;
import dev.rollcall.connector.api.model.Status;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One record as a connector read it. A value: two records are equal when their parts are.
 *
 * <p>The payload may be given as a tree or as a way to make it ({@link #of(RosterEntity, Supplier)}),
 * made when first asked for: only a record that goes to dead letters or waits for its references
 * needs it, and a connector that reads the canonical record straight from the bytes it received
 * should not have to build a second tree of every record for nothing (a million of them in a first
 * load). Safe to share between threads once made.
 */
public final class SourceRecord {

    private final String externalId;
    private final EntityType entityType;
    private final @Nullable Instant sourceUpdatedAt;
    private final @Nullable RosterEntity entity;
    private final boolean deleted;
    private final @Nullable Checksum sourceHash;
    private final @Nullable Supplier<JsonNode> makePayload;
    private volatile @Nullable JsonNode payload;

    /**
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
    public SourceRecord(
            String externalId,
            EntityType entityType,
            @Nullable Instant sourceUpdatedAt,
            @Nullable RosterEntity entity,
            JsonNode payload,
            boolean deleted,
            @Nullable Checksum sourceHash) {
        this(
                externalId,
                entityType,
                sourceUpdatedAt,
                entity,
                Objects.requireNonNull(payload, "payload"),
                null,
                deleted,
                sourceHash);
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

    private SourceRecord(
            String externalId,
            EntityType entityType,
            @Nullable Instant sourceUpdatedAt,
            @Nullable RosterEntity entity,
            @Nullable JsonNode payload,
            @Nullable Supplier<JsonNode> makePayload,
            boolean deleted,
            @Nullable Checksum sourceHash) {
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
        this.externalId = externalId;
        this.entityType = Objects.requireNonNull(entityType, "entityType");
        this.sourceUpdatedAt = sourceUpdatedAt;
        this.entity = entity;
        this.payload = payload;
        this.makePayload = makePayload;
        this.deleted = deleted;
        this.sourceHash = sourceHash;
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

    /**
     * {@link #of(RosterEntity, JsonNode)} with the payload made when first asked for: {@code payload}
     * must give the record exactly as the upstream sent it, the same tree each time it is called.
     */
    public static SourceRecord of(RosterEntity entity, Supplier<JsonNode> payload) {
        return new SourceRecord(
                entity.sourcedId(),
                entity.entityType(),
                entity.dateLastModified(),
                entity,
                null,
                Objects.requireNonNull(payload, "payload"),
                entity.status() == Status.TO_BE_DELETED,
                null);
    }

    /** This record with the hash of its bytes as the upstream sent them. */
    public SourceRecord withSourceHash(@Nullable Checksum hash) {
        return new SourceRecord(externalId, entityType, sourceUpdatedAt, entity, payload, makePayload, deleted, hash);
    }

    public String externalId() {
        return externalId;
    }

    public EntityType entityType() {
        return entityType;
    }

    public @Nullable Instant sourceUpdatedAt() {
        return sourceUpdatedAt;
    }

    public @Nullable RosterEntity entity() {
        return entity;
    }

    /** The record exactly as the upstream sent it, unknown fields included; stored as is. */
    public JsonNode payload() {
        JsonNode made = payload;
        if (made == null) { // two threads at once would make two equal trees: either will do
            made = Objects.requireNonNull(Objects.requireNonNull(makePayload).get(), "payload");
            payload = made;
        }
        return made;
    }

    public boolean deleted() {
        return deleted;
    }

    public @Nullable Checksum sourceHash() {
        return sourceHash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SourceRecord that
                && externalId.equals(that.externalId)
                && entityType == that.entityType
                && Objects.equals(sourceUpdatedAt, that.sourceUpdatedAt)
                && Objects.equals(entity, that.entity)
                && deleted == that.deleted
                && Objects.equals(sourceHash, that.sourceHash)
                && payload().equals(that.payload());
    }

    @Override
    public int hashCode() {
        return Objects.hash(externalId, entityType, sourceUpdatedAt, entity, payload(), deleted, sourceHash);
    }

    @Override
    public String toString() {
        return "SourceRecord[externalId=" + externalId + ", entityType=" + entityType + ", sourceUpdatedAt="
                + sourceUpdatedAt + ", entity=" + entity + ", payload=" + payload() + ", deleted=" + deleted
                + ", sourceHash=" + sourceHash + "]";
    }
}
