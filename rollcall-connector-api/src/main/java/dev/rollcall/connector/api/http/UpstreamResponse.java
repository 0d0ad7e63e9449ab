package dev.rollcall.connector.api.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An upstream's answer. A value: two answers are equal when their parts are.
 *
 * <p>The body is kept as the gateway received it ({@link #content()}, in segments); {@link #body()}
 * gives it as one array, made on first use, for the small answers that are read whole (an error, a
 * token, a single record). A reader of large pages reads {@link #content()}.
 */
public final class UpstreamResponse {

    private final int status;
    private final Map<String, List<String>> headers;
    private final UpstreamBody content;
    private final boolean fromCache;
    private final int attempts;
    private final Duration elapsed;
    private volatile byte @org.jspecify.annotations.Nullable [] body;

    /**
     * @param status the HTTP status; a 304 to a conditional request is reported as the cached status
     * @param headers the headers; look them up with {@link #header(String)}, which ignores case
     * @param content the body, empty when there is none
     * @param fromCache true when the body came from the gateway's cache after a 304
     * @param attempts how many times the gateway sent the request (1 when it was not retried)
     * @param elapsed the time from the first attempt to the answer, retries and waits included
     */
    public UpstreamResponse(
            int status,
            Map<String, List<String>> headers,
            UpstreamBody content,
            boolean fromCache,
            int attempts,
            Duration elapsed) {
        TreeMap<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseless.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        this.status = status;
        this.headers = java.util.Collections.unmodifiableMap(caseless);
        this.content = Objects.requireNonNull(content, "content");
        this.fromCache = fromCache;
        this.attempts = attempts;
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
    }

    /** An answer whose body is this one array (taken, not copied). */
    public UpstreamResponse(
            int status,
            Map<String, List<String>> headers,
            byte[] body,
            boolean fromCache,
            int attempts,
            Duration elapsed) {
        this(status, headers, UpstreamBody.of(body), fromCache, attempts, elapsed);
        this.body = body;
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The body as received. */
    public UpstreamBody content() {
        return content;
    }

    /** The body as one array, empty when there is none; do not write into it. */
    public byte[] body() {
        byte[] whole = body;
        if (whole == null) { // two threads at once make two equal arrays: either will do
            whole = content.toByteArray();
            body = whole;
        }
        return whole;
    }

    public boolean fromCache() {
        return fromCache;
    }

    public int attempts() {
        return attempts;
    }

    public Duration elapsed() {
        return elapsed;
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
        UpstreamBody.Range start = content.range(0, Math.min(content.length(), Math.max(0, max) * 4 + 4));
        String text = new String(start.array(), start.offset(), start.length(), StandardCharsets.UTF_8);
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UpstreamResponse that
                && status == that.status
                && fromCache == that.fromCache
                && attempts == that.attempts
                && headers.equals(that.headers)
                && java.util.Arrays.equals(body(), that.body())
                && elapsed.equals(that.elapsed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, java.util.Arrays.hashCode(body()), fromCache, attempts, elapsed);
    }

    @Override
    public String toString() {
        return "UpstreamResponse[status=" + status + ", headers=" + headers + ", body=" + content.length()
                + " bytes, fromCache=" + fromCache + ", attempts=" + attempts + ", elapsed=" + elapsed + "]";
    }
}
