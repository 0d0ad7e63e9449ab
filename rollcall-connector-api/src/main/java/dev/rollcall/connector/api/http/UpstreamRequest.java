package dev.rollcall.connector.api.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request to an upstream.
 *
 * @param method the HTTP method, upper case
 * @param uri absolute, or relative to the spec's base URL; carries the query string, already encoded
 * @param headers extra headers (the gateway adds authentication, {@code Accept} when absent, and the
 *     correlation id)
 * @param body the body, or null
 * @param endpoint a low-cardinality name for metrics, e.g. {@code users} or {@code users/{id}}
 * @param priority what the work is for; the gateway serves higher priorities first when throttled
 * @param conditional true to use the response cache ({@code If-None-Match} / {@code
 *     If-Modified-Since}); a 304 is answered from the cache as the cached 200
 */
public record UpstreamRequest(
        String method,
        URI uri,
        Map<String, String> headers,
        byte @Nullable [] body,
        String endpoint,
        Priority priority,
        boolean conditional) {

    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(priority, "priority");
    }

    public static UpstreamRequest get(URI uri, String endpoint) {
        return new UpstreamRequest("GET", uri, Map.of(), null, endpoint, Priority.FULL_SYNC, false);
    }

    public UpstreamRequest withPriority(Priority newPriority) {
        return new UpstreamRequest(method, uri, headers, body, endpoint, newPriority, conditional);
    }

    public UpstreamRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new UpstreamRequest(method, uri, more, body, endpoint, priority, conditional);
    }

    public UpstreamRequest conditionalRequest() {
        return new UpstreamRequest(method, uri, headers, body, endpoint, priority, true);
    }

    /** A JSON request with a body. */
    public static UpstreamRequest json(String method, URI uri, byte[] body, String endpoint) {
        return new UpstreamRequest(
                method, uri, Map.of("Content-Type", "application/json"), body, endpoint, Priority.WRITE, false);
    }

    /** What a request is for, in the order the gateway serves them when an upstream's quota is short. */
    public enum Priority {
        /** A fetch triggered by a webhook: someone is waiting for it. */
        WEBHOOK,
        /** Writing a local change upstream. */
        WRITE,
        /** A delta sync. */
        DELTA_SYNC,
        /** A full sync or a backfill. */
        FULL_SYNC
    }
}
