package dev.rollcall.connector.api.json;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checksum of a record's canonical JSON: SHA-256 truncated to 128 bits, as 32 lower-case hex
 * characters. 128 bits keep the stored (id, checksum) pairs of a million-record roster small while
 * leaving accidental collisions out of reach.
 */
public record Checksum(String hex) {

    private static final HexFormat HEX = HexFormat.of();
    private static final int BYTES = 16;

    public Checksum {
        if (hex == null || hex.length() != BYTES * 2) {
            throw new IllegalArgumentException("a checksum is 32 hex characters, but was '" + hex + "'");
        }
        if (!lowerCaseHex(hex)) { // as every checksum made here is: checked without a stream or a copy
            if (!hex.chars().allMatch(HexFormat::isHexDigit)) {
                throw new IllegalArgumentException("a checksum is 32 hex characters, but was '" + hex + "'");
            }
            hex = hex.toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static boolean lowerCaseHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The checksum of canonical bytes (see {@link CanonicalJson}). */
    public static Checksum of(byte[] canonicalBytes) {
        return ofDigest(sha256().digest(canonicalBytes)); // digest() leaves it reset for the next
    }

    /** A SHA-256 digest cut to a checksum's 128 bits. */
    static Checksum ofDigest(byte[] sha256) {
        return new Checksum(HEX.formatHex(sha256, 0, BYTES));
    }

    /** This thread's SHA-256 digest, reset: whoever uses it ends with {@code digest()}. */
    static MessageDigest sha256() {
        return SHA_256.get();
    }

    /** One digest per thread: looking one up per record cost more than hashing a small record. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    public static Checksum fromBytes(byte[] bytes) {
        return new Checksum(HEX.formatHex(bytes));
    }

    public byte[] bytes() {
        return HEX.parseHex(hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
