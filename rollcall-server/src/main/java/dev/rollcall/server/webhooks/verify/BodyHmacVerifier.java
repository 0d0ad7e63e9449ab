package dev.rollcall.server.webhooks.verify;

import dev.rollcall.connector.api.webhook.WebhookRequest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An HMAC-SHA256 of the raw body in one header, hex or base64, with an optional prefix: Notion
 * ({@code X-Notion-Signature: sha256=<hex>}), Shopify ({@code X-Shopify-Hmac-Sha256: <base64>}) and
 * the generic scheme (header, encoding, prefix and event-id header configurable).
 */
final class BodyHmacVerifier implements WebhookVerifier {

    /** How the signature bytes are written. */
    enum Encoding {
        HEX,
        BASE64
    }

    private final List<byte[]> keys;
    private final String header;
    private final String prefix;
    private final Encoding encoding;
    private final Function<WebhookRequest, @Nullable String> eventId;

    BodyHmacVerifier(
            List<String> secrets,
            String header,
            String prefix,
            Encoding encoding,
            Function<WebhookRequest, @Nullable String> eventId) {
        this.keys = secrets.stream().map(Signatures::utf8).toList();
        this.header = header;
        this.prefix = prefix;
        this.encoding = encoding;
        this.eventId = eventId;
    }

    static BodyHmacVerifier notion(List<String> secrets) {
        return new BodyHmacVerifier(
                secrets,
                "x-notion-signature",
                "sha256=",
                Encoding.HEX,
                request -> Signatures.jsonText(request.body(), "id"));
    }

    static BodyHmacVerifier shopify(List<String> secrets) {
        return new BodyHmacVerifier(
                secrets, "x-shopify-hmac-sha256", "", Encoding.BASE64, request -> request.header("x-shopify-webhook-id")
                        .or(() -> request.header("x-shopify-event-id"))
                        .orElse(null));
    }

    @Override
    public Verification verify(WebhookRequest request, Instant now) {
        Optional<String> signature = request.header(header);
        if (signature.isEmpty()) {
            return Verification.rejected(Verification.Failure.MISSING_SIGNATURE);
        }
        boolean valid = false;
        for (byte[] key : keys) {
            byte[] mac = Signatures.hmacSha256(key, request.body());
            String expected = prefix
                    + (encoding == Encoding.HEX
                            ? Signatures.hex(mac)
                            : Base64.getEncoder().encodeToString(mac));
            valid |= Signatures.matches(expected, signature.get());
        }
        return valid
                ? Verification.ok(eventId.apply(request), null)
                : Verification.rejected(Verification.Failure.BAD_SIGNATURE);
    }
}
