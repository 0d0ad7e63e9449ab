package dev.rollcall.server.webhooks;

import dev.rollcall.connector.api.webhook.WebhookRequest;
import dev.rollcall.server.web.ApiProblem;
import dev.rollcall.server.webhooks.verify.Verification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/{endpointId}}: the ingress. In order: the body limit (413), the content type
 * (415), the endpoint (404), the signature (401, saying only that it is invalid), then the event is
 * committed to the inbox before the answer — 202 for a new event, 200 with no effect for a
 * duplicate, 503 with {@code Retry-After} when the inbox cannot take it now. Commits are grouped
 * across concurrent requests ({@link InboxWriter}). Nothing here calls an upstream or the engine, so the answer takes milliseconds.
 */
@RestController
@Tag(name = "Webhooks in", description = "Where upstreams push their events")
public class WebhookIngressController {

    /** What the sender gets back. */
    public record Receipt(String status, String eventKey) {}

    private static final Set<String> NOT_KEPT = Set.of("authorization", "cookie", "proxy-authorization");

    private final WebhookVerifiers verifiers;
    private final InboxWriter inbox;
    private final WebhookWorkers workers;
    private final WebhookProperties properties;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>(); // outcome/scheme: few
    private final Clock clock;

    WebhookIngressController(
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

    @PostMapping("/webhooks/{endpointId}")
    @Operation(summary = "Receive one event from an upstream; 202 when new, 200 when already received")
    public ResponseEntity<Receipt> receive(
            @PathVariable String endpointId, HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        int limit = properties.bodyLimit();
        if (request.getContentLengthLong() > limit) {
            throw reject("too_large", tooLarge(limit));
        }
        byte[] body = readAtMost(request.getInputStream(), limit);
        if (body == null) {
            throw reject("too_large", tooLarge(limit));
        }
        if (!acceptedContentType(request.getContentType())) {
            throw reject(
                    "unsupported_media_type",
                    new ApiProblem(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            "unsupported-media-type",
                            "Unsupported media type",
                            "Webhook bodies must be application/json (or +json), application/x-www-form-urlencoded or text/plain",
                            List.of()));
        }
        UUID id = parseId(endpointId);
        WebhookVerifiers.Loaded endpoint = verifiers
                .forEndpoint(id)
                .orElseThrow(() -> reject("unknown_endpoint", ApiProblem.notFound("Webhook endpoint", endpointId)));
        Map<String, List<String>> headers = headers(request);
        String url = url(request);
        Instant now = clock.instant();
        Verification verification = endpoint.verifier().verify(new WebhookRequest(url, headers, body), now);
        if (!verification.valid()) {
            throw reject(
                    "rejected_" + verification.failure().name().toLowerCase(Locale.ROOT),
                    new ApiProblem(
                            HttpStatus.UNAUTHORIZED,
                            "invalid-signature",
                            "Invalid signature",
                            "The webhook signature is invalid",
                            List.of()),
                    endpoint);
        }
        String eventKey = verification.eventId() != null ? verification.eventId() : "sha256:" + sha256(body);
        Map<String, List<String>> kept = new LinkedHashMap<>(headers);
        kept.keySet().removeAll(NOT_KEPT);
        boolean accepted;
        try {
            accepted = inbox.accept(endpoint.endpoint(), eventKey, url, kept, body, verification.sentAt(), now);
        } catch (InboxWriter.Busy busy) {
            response.setHeader("Retry-After", "1");
            throw reject(
                    "busy",
                    new ApiProblem(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "inbox-busy",
                            "Inbox busy",
                            "The event was not accepted; send it again later (" + busy.getMessage() + ")",
                            List.of()),
                    endpoint);
        }
        if (!accepted) {
            count("duplicate", endpoint);
            return ResponseEntity.ok(new Receipt("duplicate", eventKey));
        }
        count("accepted", endpoint);
        workers.wake();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Receipt("accepted", eventKey));
    }

    private ApiProblem reject(String outcome, ApiProblem problem) {
        meters.counter("rollcall.webhooks.received", "outcome", outcome, "scheme", "unknown")
                .increment();
        return problem;
    }

    private ApiProblem reject(String outcome, ApiProblem problem, WebhookVerifiers.Loaded endpoint) {
        count(outcome, endpoint);
        return problem;
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

    private static UUID parseId(String endpointId) {
        try {
            return UUID.fromString(endpointId);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("Webhook endpoint", endpointId);
        }
    }

    static boolean acceptedContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json")
                || (type.startsWith("application/") && type.endsWith("+json"))
                || type.equals("application/x-www-form-urlencoded")
                || type.equals("text/plain");
    }

    /** The body, or null when it is longer than {@code limit}. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
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
        String pathAndQuery =
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        URI base = properties.publicUrl();
        if (base != null) {
            String text = base.toString();
            return (text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + pathAndQuery;
        }
        return request.getRequestURL() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
