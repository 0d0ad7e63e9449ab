package dev.rollcall.server.webhooks.verify;

import dev.rollcall.connector.api.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Google Cloud Pub/Sub push: {@code Authorization: Bearer <OIDC JWT>} signed RS256 by Google. The
 * token's signature is checked with the key its {@code kid} names in the configured JWKS; then
 * {@code iss} (Google's issuers unless configured), {@code aud} (the configured audience), {@code
 * email} (the push subscription's service account, with {@code email_verified}) and {@code exp}/
 * {@code iat} (with the clock tolerance). The event id is the body's {@code message.messageId}.
 */
final class GooglePubSubVerifier implements WebhookVerifier {

    static final Set<String> GOOGLE_ISSUERS = Set.of("accounts.google.com", "https://accounts.google.com");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

    private final JwksSource keys;
    private final String audience;
    private final String serviceAccountEmail;
    private final Set<String> issuers;
    private final Duration tolerance;

    GooglePubSubVerifier(
            JwksSource keys, String audience, String serviceAccountEmail, Set<String> issuers, Duration tolerance) {
        this.keys = keys;
        this.audience = audience;
        this.serviceAccountEmail = serviceAccountEmail;
        this.issuers = Set.copyOf(issuers);
        this.tolerance = tolerance;
    }

    @Override
    public Verification verify(WebhookRequest request, Instant now) {
        Optional<String> authorization = request.header("authorization");
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Verification.rejected(Verification.Failure.MISSING_SIGNATURE);
        }
        String[] parts = authorization.get().substring(7).strip().split("\\.");
        if (parts.length != 3) {
            return Verification.rejected(Verification.Failure.MALFORMED);
        }
        JsonNode header;
        JsonNode claims;
        byte[] signature;
        try {
            header = JSON.readTree(URL_DECODER.decode(parts[0]));
            claims = JSON.readTree(URL_DECODER.decode(parts[1]));
            signature = URL_DECODER.decode(parts[2]);
        } catch (RuntimeException e) {
            return Verification.rejected(Verification.Failure.MALFORMED);
        }
        if (!"RS256".equals(text(header, "alg"))) {
            return Verification.rejected(Verification.Failure.BAD_SIGNATURE);
        }
        Optional<PublicKey> key = keys.key(text(header, "kid"));
        if (key.isEmpty() || !signatureValid(key.get(), parts[0] + "." + parts[1], signature)) {
            return Verification.rejected(Verification.Failure.BAD_SIGNATURE);
        }
        if (!issuers.contains(text(claims, "iss"))
                || !audienceMatches(claims.get("aud"))
                || !serviceAccountEmail.equals(text(claims, "email"))
                || !claims.path("email_verified").asBoolean(false)) {
            return Verification.rejected(Verification.Failure.BAD_SIGNATURE);
        }
        long expires = claims.path("exp").asLong(0);
        long issued = claims.path("iat").asLong(0);
        if (expires == 0
                || now.isAfter(Instant.ofEpochSecond(expires).plus(tolerance))
                || Instant.ofEpochSecond(issued).isAfter(now.plus(tolerance))) {
            return Verification.rejected(Verification.Failure.STALE_TIMESTAMP);
        }
        return Verification.ok(
                Optional.ofNullable(Signatures.jsonText(request.body(), "message", "messageId"))
                        .orElse(Signatures.jsonText(request.body(), "message", "message_id")),
                Instant.ofEpochSecond(issued));
    }

    private boolean audienceMatches(JsonNode aud) {
        if (aud == null) {
            return false;
        }
        if (aud.isArray()) {
            return aud.valueStream().anyMatch(value -> audience.equals(value.asString()));
        }
        return audience.equals(aud.asString());
    }

    private static boolean signatureValid(PublicKey key, String signedPart, byte[] signature) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(signedPart.getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? "" : value.stringValue();
    }
}
