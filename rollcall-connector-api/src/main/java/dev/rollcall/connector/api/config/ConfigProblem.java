package dev.rollcall.connector.api.config;

/**
 * One problem with a configuration: the field (a dotted path for nested values, or {@code config}
 * for a problem of the whole) and why, e.g. {@code pageSize: must be between 1 and 3000, but was
 * 5000}.
 */
public record ConfigProblem(String field, String reason) {

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
