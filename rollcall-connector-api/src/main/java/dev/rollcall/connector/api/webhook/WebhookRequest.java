package dev.rollcall.connector.api.webhook;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A webhook request as it arrived: the full URL, the headers (names lower-case) and the raw body
 * bytes. Signatures are computed over these exact bytes, so nothing parses the body first.
 */
public record WebhookRequest(String url, Map<String, List<String>> headers, byte[] body) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
