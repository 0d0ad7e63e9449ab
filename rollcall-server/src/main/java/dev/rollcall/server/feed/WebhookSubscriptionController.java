package dev.rollcall.server.feed;

import dev.rollcall.server.audit.AuditLog;
import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/webhook-subscriptions}: outbound webhooks of the change feed. Creating one answers
 * its {@code whsec_} signing secret, once. {@code eventTypes} filters by operation ({@code created},
 * {@code updated}, {@code deleted}, {@code undeleted}) and {@code entityTypes} by entity ({@code
 * org}, {@code academicSession}, {@code course}, {@code class}, {@code user}, {@code enrollment},
 * {@code demographics}); empty means all. A new subscription starts at the journal's head (only new
 * changes) unless {@code after} names a cursor. Changes need an admin or operator token and are
 * audited.
 */
@RestController
@RequestMapping("/api/v1/webhook-subscriptions")
@Tag(name = "Webhooks out", description = "Signed, ordered, at-least-once delivery of the change feed")
public class WebhookSubscriptionController {

    static final Set<String> OPERATIONS = Set.of("created", "updated", "deleted", "undeleted");
    static final Set<String> ENTITY_TYPES =
            Set.of("org", "academicSession", "course", "class", "user", "enrollment", "demographics");

    /** What {@code POST} takes. */
    public record CreateRequest(
            @Nullable String url,
            @Nullable List<String> eventTypes,
            @Nullable List<String> entityTypes,
            @Nullable String after) {}

    /** What {@code POST} answers: the subscription and, this once, its secret. */
    public record Created(
            UUID id,
            String url,
            List<String> eventTypes,
            List<String> entityTypes,
            String state,
            String cursor,
            String secret) {}

    /** {@code POST …/replay}: deliver again everything after this cursor. */
    public record ReplayRequest(@Nullable String after) {}

    private final WebhookSubscriptions subscriptions;
    private final ChangeJournal journal;
    private final WebhookDispatcher dispatcher;
    private final AuditLog audit;
    private final Clock clock;

    public WebhookSubscriptionController(
            WebhookSubscriptions subscriptions,
            ChangeJournal journal,
            WebhookDispatcher dispatcher,
            AuditLog audit,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.journal = journal;
        this.dispatcher = dispatcher;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping
    @Transactional
    @Operation(summary = "Subscribe a URL to the change feed; the answer is the only place its secret is shown")
    public ResponseEntity<Created> create(Caller caller, @RequestBody CreateRequest request) {
        caller.requireWriter();
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        String url = validUrl(request.url(), errors);
        List<String> eventTypes = oneOf("eventTypes", request.eventTypes(), OPERATIONS, errors);
        List<String> entityTypes = oneOf("entityTypes", request.entityTypes(), ENTITY_TYPES, errors);
        long cursor = -1;
        if (request.after() != null && !request.after().isBlank()) {
            try {
                cursor = ChangeFeedController.parseCursor(request.after());
            } catch (ApiProblem e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The webhook subscription is not valid", errors);
        }
        if (cursor < 0) {
            cursor = journal.head(caller.tenantId());
        } else {
            ChangeFeedController.checkHorizon(journal, caller, cursor);
        }
        String secret = WebhookSigner.newSecret();
        WebhookSubscriptions.Subscription created = subscriptions.create(
                caller.tenantId(), url, eventTypes, entityTypes, secret, cursor, caller.actor(), clock.instant());
        audit.record(
                caller,
                "webhook-subscription.created",
                "webhook-subscription",
                created.id().toString(),
                null,
                describe(created));
        dispatcher.wake();
        return ResponseEntity.created(URI.create("/api/v1/webhook-subscriptions/" + created.id()))
                .body(new Created(
                        created.id(),
                        created.url(),
                        created.eventTypes(),
                        created.entityTypes(),
                        created.state(),
                        created.cursor(),
                        secret));
    }

    @GetMapping
    public List<WebhookSubscriptions.Subscription> list(Caller caller) {
        return subscriptions.list(caller.tenantId());
    }

    @GetMapping("/{id}")
    public WebhookSubscriptions.Subscription get(Caller caller, @PathVariable UUID id) {
        return subscriptions
                .get(caller.tenantId(), id)
                .orElseThrow(() -> ApiProblem.notFound("Webhook subscription", id.toString()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    public void delete(Caller caller, @PathVariable UUID id) {
        caller.requireWriter();
        WebhookSubscriptions.Subscription existing = get(caller, id);
        subscriptions.delete(caller.tenantId(), id);
        audit.record(
                caller,
                "webhook-subscription.deleted",
                "webhook-subscription",
                id.toString(),
                describe(existing),
                null);
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "Delivery attempts, newest first")
    public List<WebhookSubscriptions.Delivery> deliveries(
            Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalid(
                    "Invalid limit", List.of(new ApiProblem.FieldError("limit", "must be between 1 and 1000")));
        }
        get(caller, id);
        return subscriptions.deliveries(caller.tenantId(), id, limit);
    }

    @PostMapping("/{id}/replay")
    @Transactional
    @Operation(summary = "Deliver again every event after a cursor (re-enables a disabled subscription)")
    public WebhookSubscriptions.Subscription replay(
            Caller caller, @PathVariable UUID id, @RequestBody ReplayRequest request) {
        caller.requireWriter();
        WebhookSubscriptions.Subscription before = get(caller, id);
        if (request.after() == null || request.after().isBlank()) {
            throw ApiProblem.invalid(
                    "after is required",
                    List.of(new ApiProblem.FieldError(
                            "after", "is required: the cursor to deliver after ('0' for all)")));
        }
        long cursor =
                ChangeFeedController.checkHorizon(journal, caller, ChangeFeedController.parseCursor(request.after()));
        subscriptions.reset(caller.tenantId(), id, cursor, clock.instant());
        WebhookSubscriptions.Subscription after = get(caller, id);
        audit.record(
                caller,
                "webhook-subscription.replayed",
                "webhook-subscription",
                id.toString(),
                describe(before),
                describe(after));
        dispatcher.wake();
        return after;
    }

    @PostMapping("/{id}/enable")
    @Transactional
    @Operation(summary = "Re-enable a disabled subscription where it stopped")
    public WebhookSubscriptions.Subscription enable(Caller caller, @PathVariable UUID id) {
        caller.requireWriter();
        WebhookSubscriptions.Subscription before = get(caller, id);
        subscriptions.enable(caller.tenantId(), id, clock.instant());
        WebhookSubscriptions.Subscription after = get(caller, id);
        audit.record(
                caller,
                "webhook-subscription.enabled",
                "webhook-subscription",
                id.toString(),
                describe(before),
                describe(after));
        dispatcher.wake();
        return after;
    }

    private static Map<String, Object> describe(WebhookSubscriptions.Subscription subscription) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("url", subscription.url());
        state.put("eventTypes", subscription.eventTypes());
        state.put("entityTypes", subscription.entityTypes());
        state.put("state", subscription.state());
        state.put("cursor", subscription.cursor());
        return state;
    }

    private static String validUrl(@Nullable String value, List<ApiProblem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new ApiProblem.FieldError("url", "is required"));
            return "";
        }
        try {
            URI uri = URI.create(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                errors.add(new ApiProblem.FieldError("url", "must be an absolute http or https URL"));
            }
            return uri.toString();
        } catch (IllegalArgumentException e) {
            errors.add(new ApiProblem.FieldError("url", "is not a valid URL"));
            return "";
        }
    }

    private static List<String> oneOf(
            String field, @Nullable List<String> values, Set<String> allowed, List<ApiProblem.FieldError> errors) {
        if (values == null) {
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || !allowed.contains(value)) {
                errors.add(new ApiProblem.FieldError(
                        field + "[" + i + "]", "must be one of " + new java.util.TreeSet<>(allowed)));
            } else {
                distinct.add(value);
            }
        }
        return List.copyOf(distinct);
    }
}
