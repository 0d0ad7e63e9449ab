package dev.rollcall.connector.api.config;

/**
 * The type of a configuration field and the Java type its validated value has in {@link
 * ConnectorConfig}.
 */
public enum FieldType {
    /** A string; {@link String}. */
    STRING,
    /** A credential; {@link Secret}. Encrypted at rest, never returned or logged. */
    SECRET,
    /** A whole number; {@link Long}. Accepts a JSON number or a numeric string. */
    INTEGER,
    /** {@link Boolean}; accepts a JSON boolean or {@code "true"}/{@code "false"}. */
    BOOLEAN,
    /** An absolute http or https URL; {@link java.net.URI}. */
    URL,
    /** One of the field's options; {@link String}. */
    ENUM,
    /** {@link java.time.Duration}; ISO-8601 ({@code PT30S}) or {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}. */
    DURATION,
    /** {@code List<String>}; accepts a JSON array of strings or a comma-separated string. */
    STRING_LIST
}
