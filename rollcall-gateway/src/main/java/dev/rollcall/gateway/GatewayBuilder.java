package dev.rollcall.gateway;

import dev.rollcall.gateway.limit.InMemoryRateLimitStore;
import dev.rollcall.gateway.limit.RateLimitStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Objects;

/**
 * Builds an {@link IntegrationGateway}. The integration id is required; everything else has a
 * default: the {@link GatewaySettings#defaults() default settings}, an {@link InMemoryRateLimitStore}
 * (give a {@link dev.rollcall.gateway.limit.PostgresRateLimitStore} when instances must share
 * limits), a private {@link SimpleMeterRegistry}, the system clock and real sleeping. Not
 * thread-safe; use one per gateway.
 */
public final class GatewayBuilder {

    private String tenantId = "default";
    private String integrationId = "";
    private GatewaySettings settings = GatewaySettings.defaults();
    private RateLimitStore rateLimits = new InMemoryRateLimitStore();
    private MeterRegistry meters = new SimpleMeterRegistry();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.REAL;

    GatewayBuilder() {}

    public GatewayBuilder tenant(String id) {
        this.tenantId = Objects.requireNonNull(id, "tenant");
        return this;
    }

    public GatewayBuilder integration(String id) {
        this.integrationId = Objects.requireNonNull(id, "integration");
        return this;
    }

    public GatewayBuilder settings(GatewaySettings newSettings) {
        this.settings = Objects.requireNonNull(newSettings, "settings");
        return this;
    }

    /** Where the token buckets live; share one store between gateways that must share limits. */
    public GatewayBuilder rateLimits(RateLimitStore store) {
        this.rateLimits = Objects.requireNonNull(store, "rateLimits");
        return this;
    }

    public GatewayBuilder meters(MeterRegistry registry) {
        this.meters = Objects.requireNonNull(registry, "meters");
        return this;
    }

    /** The clock for token expiry, {@code Retry-After} dates, OAuth 1.0a timestamps and the breaker. */
    public GatewayBuilder clock(Clock newClock) {
        this.clock = Objects.requireNonNull(newClock, "clock");
        return this;
    }

    /** How to wait between retries (tests give one that records and returns at once). */
    public GatewayBuilder sleeper(Sleeper newSleeper) {
        this.sleeper = Objects.requireNonNull(newSleeper, "sleeper");
        return this;
    }

    public IntegrationGateway build() {
        if (integrationId.isBlank()) {
            throw new IllegalStateException("integration must be set to a non-blank id");
        }
        return new IntegrationGateway(tenantId, integrationId, settings, rateLimits, meters, clock, sleeper);
    }
}
