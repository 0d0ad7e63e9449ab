package dev.rollcall.connector.api.json;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checksum of a record's canonical JSON: SHA-256 truncated to 128 bits, shown as 32 lower-case
 * hex characters. 128 bits keep the stored (id, checksum) pairs of a million-record roster small
 * while leaving accidental collisions out of reach.
 *
 * <p>Held as two longs, the digest's first 16 bytes in big-endian order: a run makes or loads one
 * per record (2.4 million in a resync of the {@code large} roster) and compares them, and its text is
 * only for showing. Immutable; equal when the 128 bits are.
 */
public final class Checksum {

    private static final HexFormat HEX = HexFormat.of();
    private static final int BYTES = 16;

    private final long high;
    private final long low;

    private Checksum(long high, long low) {
        this.high = high;
        this.low = low;
    }

    /**
     * The checksum written as 32 hex characters, in either case.
     *
     * @throws IllegalArgumentException when {@code hex} is not 32 hex characters
     */
    public Checksum(String hex) {
        if (hex == null || hex.length() != BYTES * 2 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("a checksum is 32 hex characters, but was '" + hex + "'");
        }
        this.high = HexFormat.fromHexDigitsToLong(hex, 0, 16);
        this.low = HexFormat.fromHexDigitsToLong(hex, 16, 32);
    }

    /** The checksum of canonical bytes (see {@link CanonicalJson}). */
    public static Checksum of(byte[] canonicalBytes) {
        return ofDigest(sha256().digest(canonicalBytes)); // digest() leaves it reset for the next
    }

    /** A SHA-256 digest cut to a checksum's 128 bits. */
    static Checksum ofDigest(byte[] sha256) {
        return new Checksum(longAt(sha256, 0), longAt(sha256, 8));
    }

    /** The checksum whose 16 bytes (as {@link #bytes} gives them) these are. */
    public static Checksum fromBytes(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a checksum is 16 bytes, but was " + bytes.length);
        }
        return ofDigest(bytes);
    }

    /** The checksum whose first and last 8 bytes, big-endian, are these ({@link #high}, {@link #low}). */
    public static Checksum ofLongs(long high, long low) {
        return new Checksum(high, low);
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

    /** The first 8 of the 16 bytes, big-endian. */
    public long high() {
        return high;
    }

    /** The last 8 of the 16 bytes, big-endian. */
    public long low() {
        return low;
    }

    /** The 32 lower-case hex characters. */
    public String hex() {
        return HEX.toHexDigits(high) + HEX.toHexDigits(low);
    }

    public byte[] bytes() {
        byte[] bytes = new byte[BYTES];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return bytes;
    }

    private static long longAt(byte[] bytes, int offset) {
        long value = 0;
        for (int i = offset; i < offset + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checksum checksum && checksum.high == high && checksum.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * 31 + low);
    }

    @Override
    public String toString() {
        return hex();
    }
}
