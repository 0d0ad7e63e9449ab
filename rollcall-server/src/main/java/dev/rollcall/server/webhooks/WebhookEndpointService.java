package dev.rollcall.server.webhooks;

import dev.rollcall.server.audit.AuditLog;
import dev.rollcall.server.integrations.IntegrationService;
import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import dev.rollcall.server.web.ApiProblem.FieldError;
import dev.rollcall.server.webhooks.verify.WebhookScheme;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Creates, lists, rotates and removes webhook endpoints. A secret is encrypted at rest and shown
 * once, in the answer that made it; every change is audited with the secret left out.
 */
@Service
public class WebhookEndpointService {

    /** What the API accepts to create an endpoint. */
    public record CreateRequest(
            @Nullable String scheme,
            @Nullable Map<String, String> settings,
            @Nullable String secret) {
        @Override
        public String toString() {
            return "CreateRequest[scheme=" + scheme + ", settings=" + settings + ", secret="
                    + (secret == null ? null : "********") + "]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookEndpointStore store;
    private final IntegrationService integrations;
    private final WebhookVerifiers verifiers;
    private final WebhookProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    WebhookEndpointService(
            WebhookEndpointStore store,
            IntegrationService integrations,
            WebhookVerifiers verifiers,
            WebhookProperties properties,
            AuditLog audit,
            Clock clock) {
        this.store = store;
        this.integrations = integrations;
        this.verifiers = verifiers;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public WebhookEndpoint create(Caller caller, UUID integrationId, CreateRequest request) {
        integrations.get(caller, integrationId); // 404 when the tenant has no such integration
        List<FieldError> problems = new ArrayList<>();
        Map<String, String> settings = request.settings() == null ? Map.of() : Map.copyOf(request.settings());
        WebhookScheme scheme = null;
        if (request.scheme() == null || request.scheme().isBlank()) {
            problems.add(new FieldError("scheme", "is required; one of " + WebhookScheme.apiNames()));
        } else {
            scheme = WebhookScheme.fromApiName(request.scheme()).orElse(null);
            if (scheme == null) {
                problems.add(new FieldError(
                        "scheme", "'" + request.scheme() + "' is not a scheme; one of " + WebhookScheme.apiNames()));
            } else {
                problems.addAll(scheme.validate(settings, request.secret()));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid("The webhook endpoint is not valid", problems);
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        store.insert(new WebhookEndpointStore.Row(
                id, caller.tenantId(), integrationId, scheme.apiName(), settings, true, now));
        String secret = null;
        if (scheme.usesSecret()) {
            secret = request.secret() != null ? request.secret() : generateSecret(scheme);
            store.addSecret(caller.tenantId(), id, secret, now, null);
        }
        WebhookEndpoint created = view(store.find(caller.tenantId(), id).orElseThrow(), secret);
        audit.record(caller, "webhook-endpoint.created", "webhook-endpoint", id.toString(), null, auditView(created));
        return created;
    }

    @Transactional(readOnly = true)
    public List<WebhookEndpoint> list(Caller caller, UUID integrationId) {
        integrations.get(caller, integrationId);
        return store.list(caller.tenantId(), integrationId).stream()
                .map(row -> view(row, null))
                .toList();
    }

    @Transactional(readOnly = true)
    public WebhookEndpoint get(Caller caller, UUID id) {
        return view(existing(caller, id), null);
    }

    /** A new secret; the old ones stay valid for the grace period so senders can switch. */
    @Transactional
    public WebhookEndpoint rotate(Caller caller, UUID id, @Nullable String secret, @Nullable Long graceSeconds) {
        WebhookEndpointStore.Row row = existing(caller, id);
        WebhookScheme scheme = WebhookScheme.fromApiName(row.scheme()).orElseThrow();
        List<FieldError> problems = new ArrayList<>();
        if (!scheme.usesSecret()) {
            problems.add(new FieldError("secret", "google-pubsub endpoints have no secret to rotate"));
        } else {
            scheme.validate(Map.of(), secret).stream()
                    .filter(problem -> problem.field().equals("secret"))
                    .forEach(problems::add);
        }
        if (graceSeconds != null
                && (graceSeconds < 0 || graceSeconds > Duration.ofDays(30).toSeconds())) {
            problems.add(new FieldError("graceSeconds", "must be between 0 and 2592000 (30 days)"));
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid("The secret cannot be rotated", problems);
        }
        Instant now = clock.instant();
        String newSecret = secret != null ? secret : generateSecret(scheme);
        Duration grace = graceSeconds == null ? properties.grace() : Duration.ofSeconds(graceSeconds);
        store.addSecret(caller.tenantId(), id, newSecret, now, now.plus(grace));
        verifiers.invalidate(id);
        WebhookEndpoint rotated = view(row, newSecret);
        audit.record(
                caller,
                "webhook-endpoint.secret-rotated",
                "webhook-endpoint",
                id.toString(),
                null,
                Map.of("graceSeconds", grace.toSeconds()));
        return rotated;
    }

    @Transactional
    public void delete(Caller caller, UUID id) {
        WebhookEndpoint before = view(existing(caller, id), null);
        store.delete(caller.tenantId(), id, clock.instant());
        verifiers.invalidate(id);
        audit.record(caller, "webhook-endpoint.deleted", "webhook-endpoint", id.toString(), auditView(before), null);
    }

    void audited(Caller caller, UUID endpointId, long fromId, long toId, int replayed) {
        audit.record(
                caller,
                "webhook-events.replayed",
                "webhook-endpoint",
                endpointId.toString(),
                null,
                Map.of("fromId", fromId, "toId", toId, "replayed", replayed));
    }

    WebhookEndpointStore.Row existing(Caller caller, UUID id) {
        return store.find(caller.tenantId(), id)
                .orElseThrow(() -> ApiProblem.notFound("Webhook endpoint", id.toString()));
    }

    private WebhookEndpoint view(WebhookEndpointStore.Row row, @Nullable String secret) {
        int active =
                store.activeSecrets(row.tenantId(), row.id(), clock.instant()).size();
        return new WebhookEndpoint(
                row.id(),
                row.integrationId(),
                row.scheme(),
                row.settings(),
                row.enabled(),
                endpointUrl(row.id()),
                active,
                row.createdAt(),
                secret);
    }

    private String endpointUrl(UUID id) {
        URI base = properties.publicUrl();
        if (base == null) {
            try {
                return ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/webhooks/{id}")
                        .buildAndExpand(id)
                        .toUriString();
            } catch (IllegalStateException outsideARequest) {
                return "/webhooks/" + id;
            }
        }
        String text = base.toString();
        return (text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + "/webhooks/" + id;
    }

    private static Map<String, Object> auditView(WebhookEndpoint endpoint) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("integrationId", endpoint.integrationId().toString());
        view.put("scheme", endpoint.scheme());
        view.put("settings", endpoint.settings());
        return view;
    }

    /** {@code whsec_} and 32 random bytes for Standard Webhooks; 32 random bytes in hex otherwise. */
    static String generateSecret(WebhookScheme scheme) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return scheme == WebhookScheme.STANDARD_WEBHOOKS
                ? "whsec_" + Base64.getEncoder().encodeToString(bytes)
                : HexFormat.of().formatHex(bytes);
    }
}
