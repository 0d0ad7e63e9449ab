package dev.rollcall.connector.api.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Defensive copies for record components: null becomes empty, the copy is unmodifiable. */
final class Lists {

    private Lists() {}

    static <T> List<T> copy(@Nullable List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    static Map<String, Object> copy(@Nullable Map<String, Object> values) {
        // LinkedHashMap: metadata may carry JSON nulls, which Map.copyOf rejects.
        return values == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
