package dev.rollcall.server.webhooks;

import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import dev.rollcall.server.web.ApiProblem.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin side of webhooks in: endpoints per integration, secret rotation, the events each endpoint
 * received with their status, and replay of one event or a range.
 */
@RestController
@Tag(name = "Webhooks in", description = "Where upstreams push their events")
public class WebhookEndpointController {

    /** Rotating a secret: a given one (or a generated one) and how long the old ones stay valid. */
    public record RotateRequest(
            @Nullable String secret, @Nullable Long graceSeconds) {
        @Override
        public String toString() {
            return "RotateRequest[secret=" + (secret == null ? null : "********") + ", graceSeconds=" + graceSeconds
                    + "]";
        }
    }

    /** An event as the API shows it (the body as text, as received). */
    public record EventView(
            long id,
            String eventKey,
            String status,
            int attempts,
            @Nullable String lastError,
            @Nullable Instant sentAt,
            Instant receivedAt,
            @Nullable Instant processedAt,
            String body) {}

    /** A page of events, newest first; {@code next} is the {@code before} of the next page. */
    public record EventPage(List<EventView> items, @Nullable Long next) {}

    /** Replaying a range of event ids, both ends included. */
    public record ReplayRequest(
            @Nullable Long fromId, @Nullable Long toId) {}

    /** How many events were put back in the queue. */
    public record ReplayResult(int replayed) {}

    private static final Set<String> STATUSES = Set.of("pending", "processing", "applied", "ignored", "failed", "dead");

    private final WebhookEndpointService endpoints;
    private final WebhookInbox inbox;
    private final WebhookEventReplay replays;

    WebhookEndpointController(WebhookEndpointService endpoints, WebhookInbox inbox, WebhookEventReplay replays) {
        this.endpoints = endpoints;
        this.inbox = inbox;
        this.replays = replays;
    }

    @PostMapping("/api/v1/integrations/{integrationId}/webhook-endpoints")
    @Operation(summary = "Create a webhook endpoint; the answer holds the secret, shown only this once")
    public ResponseEntity<WebhookEndpoint> create(
            Caller caller,
            @PathVariable UUID integrationId,
            @RequestBody WebhookEndpointService.CreateRequest request) {
        caller.requireWriter();
        WebhookEndpoint created = endpoints.create(caller, integrationId, request);
        return ResponseEntity.created(URI.create("/api/v1/webhook-endpoints/" + created.id()))
                .body(created);
    }

    @GetMapping("/api/v1/integrations/{integrationId}/webhook-endpoints")
    public List<WebhookEndpoint> list(Caller caller, @PathVariable UUID integrationId) {
        return endpoints.list(caller, integrationId);
    }

    @GetMapping("/api/v1/webhook-endpoints/{id}")
    public WebhookEndpoint get(Caller caller, @PathVariable UUID id) {
        return endpoints.get(caller, id);
    }

    @PostMapping("/api/v1/webhook-endpoints/{id}/secrets")
    @Operation(summary = "Rotate the secret; the old ones stay valid for the grace period")
    public WebhookEndpoint rotate(
            Caller caller, @PathVariable UUID id, @RequestBody(required = false) @Nullable RotateRequest request) {
        caller.requireWriter();
        RotateRequest body = request == null ? new RotateRequest(null, null) : request;
        return endpoints.rotate(caller, id, body.secret(), body.graceSeconds());
    }

    @DeleteMapping("/api/v1/webhook-endpoints/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(Caller caller, @PathVariable UUID id) {
        caller.requireWriter();
        endpoints.delete(caller, id);
    }

    @GetMapping("/api/v1/webhooks/{endpointId}/events")
    @Operation(summary = "The events an endpoint received, newest first, with their status")
    public EventPage events(
            Caller caller,
            @PathVariable UUID endpointId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable Long before,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500 || (status != null && !STATUSES.contains(status))) {
            throw ApiProblem.invalid(
                    "Invalid query",
                    List.of(new FieldError(
                            limit < 1 || limit > 500 ? "limit" : "status",
                            limit < 1 || limit > 500 ? "must be between 1 and 500" : "must be one of " + STATUSES)));
        }
        endpoints.existing(caller, endpointId);
        List<EventView> items = inbox.list(caller.tenantId(), endpointId, status, before, limit).stream()
                .map(event -> new EventView(
                        event.id(),
                        event.eventKey(),
                        event.status(),
                        event.attempts(),
                        event.lastError(),
                        event.sentAt(),
                        event.receivedAt(),
                        event.processedAt(),
                        new String(event.body(), StandardCharsets.UTF_8)))
                .toList();
        Long next = items.size() == limit ? items.getLast().id() : null;
        return new EventPage(items, next);
    }

    @PostMapping("/api/v1/webhooks/{endpointId}/events/{eventId}/replay")
    @Operation(summary = "Process one event again")
    public ReplayResult replayOne(Caller caller, @PathVariable UUID endpointId, @PathVariable long eventId) {
        return replay(caller, endpointId, eventId, eventId);
    }

    @PostMapping("/api/v1/webhooks/{endpointId}/events/replay")
    @Operation(summary = "Process a range of events again, in order")
    public ReplayResult replayRange(Caller caller, @PathVariable UUID endpointId, @RequestBody ReplayRequest request) {
        if (request.fromId() == null || request.toId() == null || request.fromId() > request.toId()) {
            throw ApiProblem.invalid(
                    "Invalid range",
                    List.of(new FieldError("fromId", "fromId and toId are required, with fromId <= toId")));
        }
        return replay(caller, endpointId, request.fromId(), request.toId());
    }

    private ReplayResult replay(Caller caller, UUID endpointId, long from, long to) {
        caller.requireWriter();
        int replayed = replays.requeue(caller, endpointId, from, to);
        if (replayed == 0 && from == to) {
            throw ApiProblem.notFound("Webhook event", Long.toString(from));
        }
        return new ReplayResult(replayed);
    }
}
