package dev.rollcall.server.webhooks;

import dev.rollcall.connector.api.webhook.WebhookRequest;
import dev.rollcall.server.web.ApiProblem;
import dev.rollcall.server.webhooks.verify.Verification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What {@code POST /webhooks/{endpointId}} does, whichever way the request came in ({@link
 * WebhookIngressValve} or {@link WebhookIngressController}). In order: the body limit (413), the
 * content type (415), the endpoint (404), the signature (401, saying only that it is invalid), then
 * the event is committed to the inbox before the answer — 202 for a new event, 200 with no effect
 * for a duplicate, 503 with {@code Retry-After} when the inbox cannot take it now. Commits are
 * grouped across concurrent requests ({@link InboxWriter}). Nothing here calls an upstream or the
 * engine, so the answer takes milliseconds. Every outcome is counted in {@code
 * rollcall.webhooks.received} by outcome and scheme.
 */
@Component
public class WebhookIngress {

    /** What the sender gets back when the event was taken (202) or already had been (200). */
    public record Receipt(String status, String eventKey) {}

    /** The answer to one delivery. */
    public sealed interface Outcome {}

    /** The event is in the inbox: {@code 202 accepted}, or {@code 200 duplicate}. */
    public record Received(HttpStatus status, Receipt receipt) implements Outcome {}

    /** The delivery is refused; {@code retryAfter} (seconds) is set when the sender should try again. */
    public record Rejected(ApiProblem problem, @Nullable String retryAfter) implements Outcome {}

    private static final Set<String> NOT_KEPT = Set.of("authorization", "cookie", "proxy-authorization");

    private final WebhookVerifiers verifiers;
    private final InboxWriter inbox;
    private final WebhookWorkers workers;
    private final WebhookProperties properties;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>(); // outcome/scheme: few
    private final Clock clock;

    WebhookIngress(
            WebhookVerifiers verifiers,
            InboxWriter inbox,
            WebhookWorkers workers,
            WebhookProperties properties,
            MeterRegistry meters,
            Clock clock) {
        this.verifiers = verifiers;
        this.inbox = inbox;
        this.workers = workers;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** Takes one delivery; {@code request}'s body is read here. */
    public Outcome receive(String endpointId, HttpServletRequest request) throws IOException, InterruptedException {
        int limit = properties.bodyLimit();
        if (request.getContentLengthLong() > limit) {
            return reject("too_large", tooLarge(limit));
        }
        byte[] body = readAtMost(request.getInputStream(), limit);
        if (body == null) {
            return reject("too_large", tooLarge(limit));
        }
        if (!acceptedContentType(request.getContentType())) {
            return reject(
                    "unsupported_media_type",
                    new ApiProblem(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            "unsupported-media-type",
                            "Unsupported media type",
                            "Webhook bodies must be application/json (or +json), application/x-www-form-urlencoded or text/plain",
                            List.of()));
        }
        UUID id = parseId(endpointId);
        WebhookVerifiers.Loaded endpoint =
                id == null ? null : verifiers.forEndpoint(id).orElse(null);
        if (endpoint == null) {
            return reject("unknown_endpoint", ApiProblem.notFound("Webhook endpoint", endpointId));
        }
        Map<String, List<String>> headers = headers(request);
        String url = url(request);
        Instant now = clock.instant();
        Verification verification = endpoint.verifier().verify(new WebhookRequest(url, headers, body), now);
        if (!verification.valid()) {
            return reject(
                    "rejected_" + verification.failure().name().toLowerCase(Locale.ROOT),
                    new ApiProblem(
                            HttpStatus.UNAUTHORIZED,
                            "invalid-signature",
                            "Invalid signature",
                            "The webhook signature is invalid",
                            List.of()),
                    endpoint,
                    null);
        }
        String eventKey = verification.eventId() != null ? verification.eventId() : "sha256:" + sha256(body);
        for (String name : NOT_KEPT) {
            headers.remove(name);
        }
        boolean accepted;
        try {
            accepted = inbox.accept(endpoint.endpoint(), eventKey, url, headers, body, verification.sentAt(), now);
        } catch (InboxWriter.Busy busy) {
            return reject(
                    "busy",
                    new ApiProblem(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "inbox-busy",
                            "Inbox busy",
                            "The event was not accepted; send it again later (" + busy.getMessage() + ")",
                            List.of()),
                    endpoint,
                    "1");
        }
        if (!accepted) {
            count("duplicate", endpoint);
            return new Received(HttpStatus.OK, new Receipt("duplicate", eventKey));
        }
        count("accepted", endpoint);
        workers.wake();
        return new Received(HttpStatus.ACCEPTED, new Receipt("accepted", eventKey));
    }

    private Rejected reject(String outcome, ApiProblem problem) {
        meters.counter("rollcall.webhooks.received", "outcome", outcome, "scheme", "unknown")
                .increment();
        return new Rejected(problem, null);
    }

    private Rejected reject(
            String outcome, ApiProblem problem, WebhookVerifiers.Loaded endpoint, @Nullable String retryAfter) {
        count(outcome, endpoint);
        return new Rejected(problem, retryAfter);
    }

    private void count(String outcome, WebhookVerifiers.Loaded endpoint) {
        String scheme = endpoint.scheme().apiName();
        counters.computeIfAbsent(
                        outcome + "/" + scheme,
                        key -> meters.counter("rollcall.webhooks.received", "outcome", outcome, "scheme", scheme))
                .increment();
    }

    private static ApiProblem tooLarge(int limit) {
        return new ApiProblem(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large",
                "Payload too large",
                "Webhook bodies are limited to " + limit + " bytes",
                List.of());
    }

    private static @Nullable UUID parseId(String endpointId) {
        try {
            return UUID.fromString(endpointId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean acceptedContentType(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
        return type.equals("application/json")
                || (type.startsWith("application/") && type.endsWith("+json"))
                || type.equals("application/x-www-form-urlencoded")
                || type.equals("text/plain");
    }

    /** The body, or null when it is longer than {@code limit}. */
    private static byte @Nullable [] readAtMost(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? null : body;
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        return headers;
    }

    /** The URL the sender called: the configured public URL with this path and query, else the request's. */
    private String url(HttpServletRequest request) {
        String query = request.getQueryString();
        URI base = properties.publicUrl();
        if (base != null) {
            String text = base.toString();
            return (text.endsWith("/") ? text.substring(0, text.length() - 1) : text)
                    + request.getRequestURI()
                    + (query == null ? "" : "?" + query);
        }
        return request.getRequestURL() + (query == null ? "" : "?" + query);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
