package dev.rollcall.simulator.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature (standardwebhooks.com, as Svix and TimeBack's platform use it):
 * {@code webhook-signature: v1,<base64(HMAC-SHA256(key, id + "." + timestamp + "." + body))>}, where
 * the key is the base64-decoded part of the secret after {@code whsec_}. Stateless and thread-safe.
 */
public final class WebhookSignature {

    /** The prefix of every secret. */
    public static final String SECRET_PREFIX = "whsec_";

    private WebhookSignature() {}

    /** A new secret: {@code whsec_} and 32 random bytes in base64. */
    public static String newSecret(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The signing key of a secret.
     *
     * @throws IllegalArgumentException naming the secret's problem (never its value) when it does
     *     not start with {@code whsec_} or the rest is not base64 of at least one byte
     */
    public static byte[] key(String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("secret must start with " + SECRET_PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secret must be " + SECRET_PREFIX + " followed by base64", e);
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("secret must hold a key after " + SECRET_PREFIX);
        }
        return key;
    }

    /** The {@code webhook-signature} header value for one message: {@code v1,<base64>}. */
    public static String sign(String secret, String messageId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
