package dev.rollcall.server.webhooks;

import dev.rollcall.server.webhooks.verify.WebhookScheme;
import dev.rollcall.server.webhooks.verify.WebhookVerifier;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The verifier of each endpoint, built from its scheme, settings and decrypted active secrets, and
 * kept for 30 seconds so the ingress does not decrypt on every request. Changes made on this
 * instance take effect at once; changes made on another instance within 30 seconds.
 */
@Component
class WebhookVerifiers {

    private static final Duration KEEP = Duration.ofSeconds(30);

    /** An endpoint ready to verify. */
    record Loaded(
            WebhookEndpointStore.Row endpoint, WebhookScheme scheme, WebhookVerifier verifier, Instant loadedAt) {}

    private final WebhookEndpointStore store;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentHashMap<UUID, Optional<Loaded>> cache = new ConcurrentHashMap<>();

    WebhookVerifiers(WebhookEndpointStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Optional<Loaded> forEndpoint(UUID id) {
        Instant now = clock.instant();
        Optional<Loaded> cached = cache.get(id);
        if (cached != null
                && cached.map(loaded -> now.isBefore(loaded.loadedAt().plus(KEEP)))
                        .orElse(false)) {
            return cached;
        }
        Optional<Loaded> loaded = store.findAnyTenant(id)
                .filter(WebhookEndpointStore.Row::enabled)
                .map(row -> {
                    WebhookScheme scheme =
                            WebhookScheme.fromApiName(row.scheme()).orElseThrow();
                    return new Loaded(
                            row,
                            scheme,
                            scheme.verifier(
                                    row.settings(), store.activeSecrets(row.tenantId(), row.id(), now), http, clock),
                            now);
                });
        if (loaded.isPresent()) {
            cache.put(id, loaded);
        } else {
            cache.remove(id); // unknown ids are not cached: a flood of random ids must not grow memory
        }
        return loaded;
    }

    void invalidate(UUID id) {
        cache.remove(id);
    }
}
