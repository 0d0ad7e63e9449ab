package dev.rollcall.connector.api;

import dev.rollcall.connector.api.model.EntityType;
import java.util.Set;

/**
 * A stream a connector reads: a name (usually the OneRoster collection, e.g. {@code users}), the
 * canonical entity its records are, and the read modes it supports.
 */
public record StreamSpec(String name, EntityType entityType, Set<ReadMode> modes) {

    public StreamSpec {
        modes = Set.copyOf(modes);
    }

    public static StreamSpec of(EntityType entityType, ReadMode... modes) {
        return new StreamSpec(entityType.collection(), entityType, Set.of(modes));
    }
}
