package dev.rollcall.server.webhooks.verify;

import dev.rollcall.connector.api.webhook.WebhookRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Twilio: {@code X-Twilio-Signature} is the base64 HMAC-SHA1, keyed with the auth token, of the full
 * URL Twilio called followed by every form parameter's name and value sorted by name. A JSON body
 * is instead covered by the URL's {@code bodySHA256} parameter (the hex SHA-256 of the body), which
 * is checked too. As Twilio's libraries do, the URL is also tried with and without its default port.
 * The event id is {@code I-Twilio-Idempotency-Token}.
 */
final class TwilioVerifier implements WebhookVerifier {

    private final List<byte[]> keys;

    TwilioVerifier(List<String> authTokens) {
        this.keys = authTokens.stream().map(Signatures::utf8).toList();
    }

    @Override
    public Verification verify(WebhookRequest request, Instant now) {
        Optional<String> signature = request.header("x-twilio-signature");
        if (signature.isEmpty()) {
            return Verification.rejected(Verification.Failure.MISSING_SIGNATURE);
        }
        URI url;
        try {
            url = URI.create(request.url());
        } catch (IllegalArgumentException e) {
            return Verification.rejected(Verification.Failure.MALFORMED);
        }
        @Nullable String bodyHash = queryParam(url, "bodySHA256");
        String signedParams;
        if (bodyHash != null) {
            if (!Signatures.matches(sha256Hex(request.body()), bodyHash)) {
                return Verification.rejected(Verification.Failure.BAD_SIGNATURE);
            }
            signedParams = "";
        } else {
            signedParams = sortedFormParams(request);
        }
        boolean valid = false;
        for (String candidate : urlVariants(url)) {
            for (byte[] key : keys) {
                byte[] mac = Signatures.hmac("HmacSHA1", key, Signatures.utf8(candidate + signedParams));
                valid |= Signatures.matches(Base64.getEncoder().encodeToString(mac), signature.get());
            }
        }
        return valid
                ? Verification.ok(request.header("i-twilio-idempotency-token").orElse(null), null)
                : Verification.rejected(Verification.Failure.BAD_SIGNATURE);
    }

    private static String sortedFormParams(WebhookRequest request) {
        String contentType = request.header("content-type").orElse("");
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            return "";
        }
        List<Map.Entry<String, String>> params = new ArrayList<>();
        for (String pair : new String(request.body(), StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            params.add(Map.entry(name, value));
        }
        params.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        StringBuilder joined = new StringBuilder();
        params.forEach(param -> joined.append(param.getKey()).append(param.getValue()));
        return joined.toString();
    }

    /** The URL as given, and with its default port added or removed. */
    private static Set<String> urlVariants(URI url) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(url.toString());
        int defaultPort = "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        String rest = (url.getRawPath() == null ? "" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String scheme = url.getScheme() + "://";
        if (url.getPort() == -1) {
            variants.add(scheme + url.getHost() + ":" + defaultPort + rest);
        } else if (url.getPort() == defaultPort) {
            variants.add(scheme + url.getHost() + rest);
        }
        return variants;
    }

    private static @Nullable String queryParam(URI url, String name) {
        String query = url.getRawQuery();
        if (query == null) {
            return null;
        }
        return java.util.Arrays.stream(query.split("&"))
                .filter(pair -> pair.startsWith(name + "="))
                .map(pair -> URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8))
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    private static String sha256Hex(byte[] body) {
        try {
            return Signatures.hex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
