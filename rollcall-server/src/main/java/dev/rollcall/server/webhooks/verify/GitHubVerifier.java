package dev.rollcall.server.webhooks.verify;

import dev.rollcall.connector.api.webhook.WebhookRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}; the event id is {@code
 * X-GitHub-Delivery}. GitHub signs no timestamp, so replay protection rests on the delivery id.
 */
final class GitHubVerifier implements WebhookVerifier {

    private final List<byte[]> keys;

    GitHubVerifier(List<String> secrets) {
        this.keys = secrets.stream().map(Signatures::utf8).toList();
    }

    @Override
    public Verification verify(WebhookRequest request, Instant now) {
        Optional<String> signature = request.header("x-hub-signature-256");
        if (signature.isEmpty()) {
            return Verification.rejected(Verification.Failure.MISSING_SIGNATURE);
        }
        boolean valid = false;
        for (byte[] key : keys) {
            valid |= Signatures.matches(
                    "sha256=" + Signatures.hex(Signatures.hmacSha256(key, request.body())), signature.get());
        }
        return valid
                ? Verification.ok(request.header("x-github-delivery").orElse(null), null)
                : Verification.rejected(Verification.Failure.BAD_SIGNATURE);
    }
}
