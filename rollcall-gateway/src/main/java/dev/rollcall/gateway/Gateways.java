package dev.rollcall.gateway;

import java.time.Duration;

/**
 * Where gateways come from.
 *
 * <ul>
 *   <li>{@link #builder()} for everything: settings, a shared PostgreSQL rate-limit store, a meter
 *       registry, the clock (what the server uses);
 *   <li>{@link #inMemory(String)} for one process without a database: default settings, limits in
 *       memory;
 *   <li>{@link #forTests()} for connector tests against a local server: short backoffs (a few
 *       milliseconds), no circuit breaker, so fault-injection tests stay fast and deterministic.
 * </ul>
 */
public final class Gateways {

    private Gateways() {}

    public static GatewayBuilder builder() {
        return new GatewayBuilder();
    }

    /** A gateway with the default settings and in-memory limits. */
    public static IntegrationGateway inMemory(String integrationId) {
        return builder().integration(integrationId).build();
    }

    /** A gateway for tests: see {@link #testSettings()}. */
    public static IntegrationGateway forTests() {
        return builder().integration("test").settings(testSettings()).build();
    }

    /**
     * Settings for tests: 6 attempts with backoff from 5 ms up to 50 ms, {@code Retry-After} honoured
     * up to 5 s, 30 s per call, no circuit breaker; the rest default.
     */
    public static GatewaySettings testSettings() {
        return GatewaySettings.defaults()
                .withRetry(new GatewaySettings.Retry(
                        6, Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofSeconds(30)))
                .withBreaker(GatewaySettings.Breaker.disabled());
    }
}
