package dev.rollcall.server.webhooks.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The primitives the schemes share: HMAC, constant-time comparison, timestamps, body ids. */
final class Signatures {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Signatures() {}

    static byte[] hmac(String algorithm, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this JDK", e);
        }
    }

    static byte[] hmacSha256(byte[] key, byte[]... parts) {
        return hmac("HmacSHA256", key, parts);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Constant-time equality of two signatures as sent (the comparison does not stop early). */
    static boolean matches(String expected, @Nullable String given) {
        return given != null && MessageDigest.isEqual(utf8(expected), utf8(given.strip()));
    }

    /** Unix seconds, or empty when not a number. */
    static Optional<Instant> epochSeconds(@Nullable String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.strip())));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    static boolean within(Instant sentAt, Instant now, Duration tolerance) {
        return !Duration.between(sentAt, now).abs().minus(tolerance).isPositive();
    }

    /** A top-level or nested text field of a JSON body (e.g. {@code id}, {@code message.messageId}). */
    static @Nullable String jsonText(byte[] body, String... path) {
        try {
            JsonNode node = JSON.readTree(body);
            for (String field : path) {
                if (node == null || !node.isObject()) {
                    return null;
                }
                node = node.get(field);
            }
            return node != null && (node.isString() || node.isNumber()) ? node.asString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
