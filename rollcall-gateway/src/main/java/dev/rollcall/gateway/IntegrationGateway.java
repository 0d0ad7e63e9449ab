package dev.rollcall.gateway;

import dev.rollcall.connector.api.http.ClientSpec;
import dev.rollcall.connector.api.http.HttpGateway;
import dev.rollcall.connector.api.http.UpstreamAuth;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.gateway.internal.Authentication;
import dev.rollcall.gateway.internal.BreakerGuard;
import dev.rollcall.gateway.internal.GatewayClient;
import dev.rollcall.gateway.internal.GatewayMetrics;
import dev.rollcall.gateway.internal.IntegrationStack;
import dev.rollcall.gateway.internal.OAuth2TokenSource;
import dev.rollcall.gateway.internal.PriorityGate;
import dev.rollcall.gateway.internal.ResponseCache;
import dev.rollcall.gateway.limit.RateLimit;
import dev.rollcall.gateway.limit.RateLimitStore;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The gateway of one integration: every client it hands out shares the integration's rate limits,
 * circuit breaker, bulkhead, response cache and token caches (one per set of client credentials).
 * Build it with {@link Gateways}.
 *
 * <p><b>Lifecycle.</b> Kept for as long as the integration's settings do not change and reused across
 * runs, so tokens and the breaker's memory survive between them; {@link #close()} releases the HTTP
 * clients and the metrics. <b>Threading.</b> Thread-safe.
 */
public final class IntegrationGateway implements HttpGateway, AutoCloseable {

    /** How long a token request may take. */
    static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(30);

    private final String integrationId;
    private final GatewaySettings settings;
    private final RateLimitStore rateLimits;
    private final Clock clock;
    private final IntegrationStack stack;
    private final GatewayMetrics metrics;
    private final ConcurrentMap<ClientSpec, GatewayClient> clients = new ConcurrentHashMap<>();
    private final ConcurrentMap<Duration, HttpClient> httpClients = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, PriorityGate> gates = new ConcurrentHashMap<>();
    private final ConcurrentMap<UpstreamAuth.OAuth2ClientCredentials, OAuth2TokenSource> tokenSources =
            new ConcurrentHashMap<>();

    IntegrationGateway(
            String tenantId,
            String integrationId,
            GatewaySettings settings,
            RateLimitStore rateLimits,
            MeterRegistry meters,
            Clock clock,
            Sleeper sleeper) {
        this.integrationId = integrationId;
        this.settings = settings;
        this.rateLimits = rateLimits;
        this.clock = clock;
        this.metrics = new GatewayMetrics(meters, tenantId, integrationId);
        GatewaySettings.Breaker breakerSettings = settings.breaker();
        CircuitBreaker breaker = breakerSettings.enabled()
                ? CircuitBreaker.of(
                        "integration-" + integrationId,
                        CircuitBreakerConfig.custom()
                                .failureRateThreshold(breakerSettings.failureRatePercent())
                                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                                .slidingWindowSize(breakerSettings.window())
                                .minimumNumberOfCalls(breakerSettings.minimumCalls())
                                .waitDurationInOpenState(breakerSettings.openFor())
                                .permittedNumberOfCallsInHalfOpenState(breakerSettings.halfOpenCalls())
                                .clock(clock)
                                .build())
                : null;
        if (breaker != null) {
            metrics.breaker(breaker);
        }
        Bulkhead bulkhead = Bulkhead.of(
                "integration-" + integrationId,
                BulkheadConfig.custom()
                        .maxConcurrentCalls(settings.bulkhead().maxConcurrent())
                        .maxWaitDuration(settings.bulkhead().maxWait())
                        .build());
        this.stack = new IntegrationStack(
                integrationId,
                settings.retry(),
                new BreakerGuard(breaker, clock, breakerSettings.openFor()),
                bulkhead,
                new ResponseCache(
                        settings.cache().maxEntries(), settings.cache().maxBytes()),
                metrics,
                clock,
                sleeper);
    }

    @Override
    public UpstreamClient client(ClientSpec spec) {
        return clients.computeIfAbsent(spec, this::newClient);
    }

    public String integrationId() {
        return integrationId;
    }

    public GatewaySettings settings() {
        return settings;
    }

    /** The circuit breaker's state, e.g. {@code CLOSED}; {@code DISABLED} when there is none. */
    public String breakerState() {
        CircuitBreaker breaker = stack.breaker().breaker();
        return breaker == null ? "DISABLED" : breaker.getState().name();
    }

    private GatewayClient newClient(ClientSpec spec) {
        HttpClient http = httpClient(spec.connectTimeout());
        Authentication authentication = Authentication.of(
                spec.auth(),
                clock,
                credentials -> tokenSources.computeIfAbsent(
                        credentials,
                        c -> new OAuth2TokenSource(c, http, clock, settings.tokenRefreshMargin(), TOKEN_TIMEOUT)));
        return new GatewayClient(spec, authentication, http, gate(spec.upstream()), stack);
    }

    private PriorityGate gate(String upstream) {
        return gates.computeIfAbsent(upstream, name -> {
            List<PriorityGate.Limited> limits = new ArrayList<>();
            RateLimit integrationLimit = settings.limits().integration();
            if (integrationLimit != null) {
                limits.add(new PriorityGate.Limited("integration:" + integrationId, integrationLimit));
            }
            RateLimit upstreamLimit = settings.limits().upstreams().get(name);
            if (upstreamLimit != null) {
                limits.add(new PriorityGate.Limited("upstream:" + name, upstreamLimit));
            }
            return new PriorityGate(rateLimits, limits, settings.limits().maxWait());
        });
    }

    private HttpClient httpClient(Duration connectTimeout) {
        return httpClients.computeIfAbsent(connectTimeout, timeout -> HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    @Override
    public void close() {
        metrics.close();
        httpClients.values().forEach(HttpClient::shutdownNow);
        httpClients.clear();
        clients.clear();
    }
}
