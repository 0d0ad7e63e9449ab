package dev.rollcall.connector.api.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An upstream's answer.
 *
 * @param status the HTTP status; a 304 to a conditional request is reported as the cached status
 * @param headers the headers; look them up with {@link #header(String)}, which ignores case
 * @param body the body, empty when there is none
 * @param fromCache true when the body came from the gateway's cache after a 304
 * @param attempts how many times the gateway sent the request (1 when it was not retried)
 * @param elapsed the time from the first attempt to the answer, retries and waits included
 */
public record UpstreamResponse(
        int status, Map<String, List<String>> headers, byte[] body, boolean fromCache, int attempts, Duration elapsed) {

    public UpstreamResponse {
        TreeMap<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseless.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(caseless);
    }

    /** The first value of a header, whatever its case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as UTF-8 text, for error messages (cut to {@code max} characters). */
    public String bodyText(int max) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
