package dev.rollcall.connector.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The status of every OneRoster record. {@code tobedeleted} means the record may be deleted;
 * OneRoster 1.0's {@code inactive} means the same and is read as {@link #TO_BE_DELETED}.
 */
public enum Status {
    ACTIVE("active"),
    TO_BE_DELETED("tobedeleted");

    private final String wire;

    Status(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Status fromWire(String value) {
        if (value == null) {
            throw new IllegalArgumentException("status must not be null");
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "active" -> ACTIVE;
            case "tobedeleted", "inactive" -> TO_BE_DELETED;
            default ->
                throw new IllegalArgumentException("status must be 'active' or 'tobedeleted', but was '" + value + "'");
        };
    }
}
