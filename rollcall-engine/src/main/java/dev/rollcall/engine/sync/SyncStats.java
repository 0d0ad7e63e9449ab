package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.model.EntityType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Per-entity stats of a run, in entity order. Immutable. */
public record SyncStats(Map<EntityType, EntityStats> entities) {

    public static final SyncStats EMPTY = new SyncStats(Map.of());

    public SyncStats {
        EnumMap<EntityType, EntityStats> copy = new EnumMap<>(EntityType.class);
        copy.putAll(entities);
        entities = Collections.unmodifiableMap(copy);
    }

    public EntityStats of(EntityType type) {
        return entities.getOrDefault(type, EntityStats.ZERO);
    }

    public SyncStats plus(EntityType type, EntityStats delta) {
        EnumMap<EntityType, EntityStats> next = new EnumMap<>(EntityType.class);
        next.putAll(entities);
        next.merge(type, delta, EntityStats::plus);
        return new SyncStats(next);
    }

    public long total(java.util.function.ToLongFunction<EntityStats> field) {
        return entities.values().stream().mapToLong(field).sum();
    }
}
