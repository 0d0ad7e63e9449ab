package dev.rollcall.server.webhooks.verify;

import static dev.rollcall.server.webhooks.verify.Signatures.utf8;

import dev.rollcall.connector.api.webhook.WebhookRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stripe-style: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]} over {@code
 * t + "." + body}, any {@code v1} matching; the event id is the body's {@code id}.
 */
final class StripeStyleVerifier implements WebhookVerifier {

    private final List<byte[]> keys;
    private final Duration tolerance;
    private final String header;

    StripeStyleVerifier(List<String> secrets, Duration tolerance, String header) {
        this.keys = secrets.stream().map(Signatures::utf8).toList();
        this.tolerance = tolerance;
        this.header = header;
    }

    @Override
    public Verification verify(WebhookRequest request, Instant now) {
        Optional<String> value = request.header(header);
        if (value.isEmpty()) {
            return Verification.rejected(Verification.Failure.MISSING_SIGNATURE);
        }
        String timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String item : value.get().split(",")) {
            int equals = item.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = item.substring(0, equals).strip();
            String content = item.substring(equals + 1).strip();
            if (name.equals("t")) {
                timestamp = content;
            } else if (name.equals("v1")) {
                signatures.add(content);
            }
        }
        Optional<Instant> sentAt = Signatures.epochSeconds(timestamp);
        if (sentAt.isEmpty() || signatures.isEmpty()) {
            return Verification.rejected(Verification.Failure.MALFORMED);
        }
        if (!Signatures.within(sentAt.get(), now, tolerance)) {
            return Verification.rejected(Verification.Failure.STALE_TIMESTAMP);
        }
        byte[] prefix = utf8(timestamp + ".");
        boolean valid = false;
        for (byte[] key : keys) {
            String expected = Signatures.hex(Signatures.hmacSha256(key, prefix, request.body()));
            for (String given : signatures) {
                valid |= Signatures.matches(expected, given);
            }
        }
        return valid
                ? Verification.ok(Signatures.jsonText(request.body(), "id"), sentAt.get())
                : Verification.rejected(Verification.Failure.BAD_SIGNATURE);
    }
}
