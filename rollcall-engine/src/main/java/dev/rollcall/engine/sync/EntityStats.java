package dev.rollcall.engine.sync;

/**
 * What a run did to one entity. {@code updated} includes undeletes; {@code read} counts every
 * record and record error the connector returned, duplicates included.
 */
public record EntityStats(long read, long created, long updated, long unchanged, long deleted, long errors) {

    public static final EntityStats ZERO = new EntityStats(0, 0, 0, 0, 0, 0);

    public EntityStats plus(EntityStats other) {
        return new EntityStats(
                read + other.read,
                created + other.created,
                updated + other.updated,
                unchanged + other.unchanged,
                deleted + other.deleted,
                errors + other.errors);
    }

    /** The records this run changes in place (the mass-change guard's numerator). */
    public long changedOrDeleted() {
        return updated + deleted;
    }
}
