package dev.rollcall.server.webhooks.verify;

import static dev.rollcall.server.webhooks.verify.Signatures.utf8;

import dev.rollcall.connector.api.webhook.WebhookRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Standard Webhooks (Svix; TimeBack's platform): {@code webhook-id}, {@code webhook-timestamp} and
 * {@code webhook-signature} (space-separated {@code v1,<base64>} entries) over {@code
 * id.timestamp.body}, keyed with the base64 part of a {@code whsec_} secret. The {@code svix-*}
 * header names are accepted too.
 */
final class StandardWebhooksVerifier implements WebhookVerifier {

    private final List<byte[]> keys;
    private final Duration tolerance;

    StandardWebhooksVerifier(List<String> secrets, Duration tolerance) {
        this.keys = secrets.stream().map(StandardWebhooksVerifier::key).toList();
        this.tolerance = tolerance;
    }

    /** The key bytes of a {@code whsec_<base64>} secret (the prefix is optional). */
    static byte[] key(String secret) {
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    @Override
    public Verification verify(WebhookRequest request, Instant now) {
        Optional<String> id = header(request, "id");
        Optional<String> timestamp = header(request, "timestamp");
        Optional<String> signatures = header(request, "signature");
        if (id.isEmpty() || timestamp.isEmpty() || signatures.isEmpty()) {
            return Verification.rejected(Verification.Failure.MISSING_SIGNATURE);
        }
        Optional<Instant> sentAt = Signatures.epochSeconds(timestamp.get());
        if (sentAt.isEmpty()) {
            return Verification.rejected(Verification.Failure.MALFORMED);
        }
        if (!Signatures.within(sentAt.get(), now, tolerance)) {
            return Verification.rejected(Verification.Failure.STALE_TIMESTAMP);
        }
        byte[] prefix = utf8(id.get() + "." + timestamp.get() + ".");
        boolean valid = false;
        for (byte[] key : keys) {
            String expected =
                    "v1," + Base64.getEncoder().encodeToString(Signatures.hmacSha256(key, prefix, request.body()));
            for (String given : signatures.get().split(" ")) {
                valid |= Signatures.matches(expected, given);
            }
        }
        return valid
                ? Verification.ok(id.get(), sentAt.get())
                : Verification.rejected(Verification.Failure.BAD_SIGNATURE);
    }

    private static Optional<String> header(WebhookRequest request, String name) {
        return request.header("webhook-" + name).or(() -> request.header("svix-" + name));
    }
}
