package dev.rollcall.connector.api.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A credential value. {@link #toString()} is masked so a secret cannot reach a log line or an error
 * message by accident; {@link #reveal()} is the one way to the value, for the code that sends it.
 */
public final class Secret {

    public static final String MASK = "********";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a secret must not be null");
        }
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    /** Constant-time equality, so comparing secrets leaks nothing through timing. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), secret.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // deliberately uninformative: secrets are not hash keys
    }

    @Override
    public String toString() {
        return MASK;
    }
}
