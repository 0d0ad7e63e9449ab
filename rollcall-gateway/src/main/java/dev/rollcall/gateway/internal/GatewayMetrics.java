package dev.rollcall.gateway.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's meters, tagged with tenant, integration, upstream and endpoint (a low-cardinality
 * name the connector gives, never a URL):
 *
 * <ul>
 *   <li>{@code rollcall.gateway.requests} (timer): each attempt's latency, tagged with {@code
 *       method} and {@code status} (the HTTP status, or {@code IO_ERROR}); its count by status is the
 *       status counter;
 *   <li>{@code rollcall.gateway.retries} (counter): retries, tagged with {@code reason};
 *   <li>{@code rollcall.gateway.throttles} (counter): requests that waited for the local rate limit
 *       ({@code source=limiter}) or were answered 429 ({@code source=upstream});
 *   <li>{@code rollcall.gateway.cache} (counter): conditional requests answered from the cache;
 *   <li>{@code rollcall.gateway.breaker.state} (gauge): 0 closed, 1 open, 2 half-open, 3 other.
 * </ul>
 */
public final class GatewayMetrics implements AutoCloseable {

    private final MeterRegistry registry;
    private final Tags integrationTags;
    private final List<io.micrometer.core.instrument.Meter> gauges = new ArrayList<>();

    public GatewayMetrics(MeterRegistry registry, String tenantId, String integrationId) {
        this.registry = registry;
        this.integrationTags = Tags.of("tenant", tenantId, "integration", integrationId);
    }

    public void attempt(String upstream, String endpoint, String method, String status, Duration latency) {
        Timer.builder("rollcall.gateway.requests")
                .description("Upstream HTTP attempts by status")
                .tags(integrationTags)
                .tags("upstream", upstream, "endpoint", endpoint, "method", method, "status", status)
                .register(registry)
                .record(latency.toNanos(), TimeUnit.NANOSECONDS);
    }

    public void retry(String upstream, String endpoint, String reason) {
        counter("rollcall.gateway.retries", upstream, endpoint, "reason", reason)
                .increment();
    }

    public void throttle(String upstream, String endpoint, String source) {
        counter("rollcall.gateway.throttles", upstream, endpoint, "source", source)
                .increment();
    }

    public void cacheHit(String upstream, String endpoint) {
        counter("rollcall.gateway.cache", upstream, endpoint, "result", "hit").increment();
    }

    /** Registers the breaker's state gauge; removed again by {@link #close()}. */
    public void breaker(CircuitBreaker breaker) {
        gauges.add(Gauge.builder("rollcall.gateway.breaker.state", breaker, GatewayMetrics::stateValue)
                .description("Circuit breaker state: 0 closed, 1 open, 2 half-open, 3 other")
                .tags(integrationTags)
                .register(registry));
    }

    private Counter counter(String name, String upstream, String endpoint, String key, String value) {
        return Counter.builder(name)
                .tags(integrationTags)
                .tags("upstream", upstream, "endpoint", endpoint, key, value)
                .register(registry);
    }

    private static double stateValue(CircuitBreaker breaker) {
        return switch (breaker.getState()) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }

    @Override
    public void close() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }
}
