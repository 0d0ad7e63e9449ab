package dev.rollcall.connector.api.config;

import java.util.Optional;

/**
 * A check of one field's value after it was converted to its type. Returns the reason the value is
 * wrong, or empty when it is fine. Checks must be pure functions: no I/O (a connection test belongs
 * in {@link dev.rollcall.connector.api.Connector#check()}).
 */
@FunctionalInterface
public interface FieldCheck {
    Optional<String> check(Object value);
}
