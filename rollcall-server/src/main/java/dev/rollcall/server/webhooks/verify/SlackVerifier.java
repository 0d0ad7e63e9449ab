package dev.rollcall.server.webhooks.verify;

import static dev.rollcall.server.webhooks.verify.Signatures.utf8;

import dev.rollcall.connector.api.webhook.WebhookRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Slack: {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:" + timestamp + ":" + body>} with
 * {@code X-Slack-Request-Timestamp}; the event id is the body's {@code event_id} when it has one.
 */
final class SlackVerifier implements WebhookVerifier {

    private final List<byte[]> keys;
    private final Duration tolerance;

    SlackVerifier(List<String> secrets, Duration tolerance) {
        this.keys = secrets.stream().map(Signatures::utf8).toList();
        this.tolerance = tolerance;
    }

    @Override
    public Verification verify(WebhookRequest request, Instant now) {
        Optional<String> timestamp = request.header("x-slack-request-timestamp");
        Optional<String> signature = request.header("x-slack-signature");
        if (timestamp.isEmpty() || signature.isEmpty()) {
            return Verification.rejected(Verification.Failure.MISSING_SIGNATURE);
        }
        Optional<Instant> sentAt = Signatures.epochSeconds(timestamp.get());
        if (sentAt.isEmpty()) {
            return Verification.rejected(Verification.Failure.MALFORMED);
        }
        if (!Signatures.within(sentAt.get(), now, tolerance)) {
            return Verification.rejected(Verification.Failure.STALE_TIMESTAMP);
        }
        byte[] prefix = utf8("v0:" + timestamp.get() + ":");
        boolean valid = false;
        for (byte[] key : keys) {
            valid |= Signatures.matches(
                    "v0=" + Signatures.hex(Signatures.hmacSha256(key, prefix, request.body())), signature.get());
        }
        return valid
                ? Verification.ok(Signatures.jsonText(request.body(), "event_id"), sentAt.get())
                : Verification.rejected(Verification.Failure.BAD_SIGNATURE);
    }
}
