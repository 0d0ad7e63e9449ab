package dev.rollcall.connector.api.model;

import org.jspecify.annotations.Nullable;

/**
 * A OneRoster GUID reference: {@code {"href": …, "sourcedId": …, "type": …}}. Only {@code sourcedId}
 * is required here: TimeBack's writes send references with nothing else, and an {@code href} can be
 * relative or absolute.
 */
public record GuidRef(
        @Nullable String href, String sourcedId, @Nullable GuidType type) {

    public GuidRef {
        if (sourcedId == null || sourcedId.isBlank()) {
            throw new IllegalArgumentException("a reference needs a sourcedId");
        }
    }

    public static GuidRef to(GuidType type, String sourcedId) {
        return new GuidRef(null, sourcedId, type);
    }
}
