package dev.rollcall.connector.api.config;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A validated configuration: every value already has the Java type of its {@link FieldType}, and
 * defaults are filled in. Made only by {@link ConfigSpec#validate}. Immutable; {@link #toString()}
 * masks secrets.
 */
public final class ConnectorConfig {

    private final Map<String, Object> values;

    ConnectorConfig(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The typed values by field name. Secrets are {@link Secret}s. */
    public Map<String, Object> values() {
        return values;
    }

    public boolean has(String field) {
        return values.containsKey(field);
    }

    public <T> Optional<T> optional(String field, Class<T> type) {
        Object value = values.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException("field '" + field + "' is a "
                    + value.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return Optional.of(type.cast(value));
    }

    public <T> T required(String field, Class<T> type) {
        return optional(field, type).orElseThrow(() -> new NoSuchElementException("field '" + field + "' is not set"));
    }

    public String string(String field) {
        return required(field, String.class);
    }

    public Optional<String> optionalString(String field) {
        return optional(field, String.class);
    }

    public Secret secret(String field) {
        return required(field, Secret.class);
    }

    public long integer(String field) {
        return required(field, Long.class);
    }

    public boolean bool(String field) {
        return required(field, Boolean.class);
    }

    public URI uri(String field) {
        return required(field, URI.class);
    }

    public Duration duration(String field) {
        return required(field, Duration.class);
    }

    @SuppressWarnings("unchecked")
    public List<String> stringList(String field) {
        return optional(field, List.class).map(list -> (List<String>) list).orElse(List.of());
    }

    @Override
    public String toString() {
        return values.toString(); // Secret.toString() is masked
    }
}
