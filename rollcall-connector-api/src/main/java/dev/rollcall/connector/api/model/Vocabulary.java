package dev.rollcall.connector.api.model;

import java.util.Set;

/**
 * A OneRoster vocabulary value: one of the values the specification lists, or an extension written
 * {@code ext:<name>}. Values are kept as the source wrote them, so an unknown value reaches the
 * validator (which reports it) instead of failing the parse of the whole record.
 */
public interface Vocabulary {

    /** The value exactly as it appears on the wire. */
    String value();

    /** The values the specification defines for this vocabulary. */
    Set<String> knownValues();

    /** Whether the value is an {@code ext:} extension as OneRoster allows. */
    default boolean isExtension() {
        return value().startsWith("ext:") && value().length() > 4;
    }

    /** Whether the value is a defined one or a well-formed extension. */
    default boolean isValid() {
        return knownValues().contains(value()) || isExtension();
    }

    static String requireValue(String vocabulary, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(vocabulary + " must not be blank");
        }
        return value;
    }
}
