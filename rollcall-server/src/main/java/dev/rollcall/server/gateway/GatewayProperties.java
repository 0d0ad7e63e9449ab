package dev.rollcall.server.gateway;

import dev.rollcall.gateway.GatewaySettings;
import dev.rollcall.gateway.limit.RateLimit;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's settings for every integration, {@code rollcall.gateway.*}; unset values take the
 * gateway's defaults ({@link GatewaySettings#defaults()}). An integration's configuration may
 * override two of them with optional fields of its connector's spec: {@code requestsPerSecond} (its
 * own rate limit) and {@code maxConcurrentRequests} (its bulkhead).
 *
 * @param requestsPerSecond every integration's rate limit, unless its config sets one; null or 0 for
 *     none
 * @param upstreamRequestsPerMinute limits per upstream name (usually the host), shared by every
 *     integration that calls it, e.g. {@code rollcall.gateway.upstream-requests-per-minute.api.example.com=600}
 * @param maxThrottleWait how long a request waits for the rate limit (default 60 s)
 * @param maxAttempts how many times a request is sent at most (default 6)
 * @param baseDelay the first backoff's upper bound (default 500 ms)
 * @param maxDelay the largest backoff (default 30 s)
 * @param maxRetryAfter the longest {@code Retry-After} waited for inside one call (default 2 min)
 * @param maxElapsed the longest a call may take with its retries (default 5 min)
 * @param maxConcurrentRequests the bulkhead: requests in flight per integration (default 8)
 * @param breakerEnabled whether the circuit breaker is on (default true)
 * @param breakerOpenFor how long an open breaker stays open (default 30 s)
 * @param cacheEntries how many conditional answers each integration keeps (default 1,000)
 * @param sharedLimits true (the default) to keep token buckets in PostgreSQL, shared by every
 *     instance; false for buckets in this instance's memory
 */
@ConfigurationProperties("rollcall.gateway")
public record GatewayProperties(
        @Nullable Integer requestsPerSecond,
        @Nullable Map<String, Integer> upstreamRequestsPerMinute,
        @Nullable Duration maxThrottleWait,
        @Nullable Integer maxAttempts,
        @Nullable Duration baseDelay,
        @Nullable Duration maxDelay,
        @Nullable Duration maxRetryAfter,
        @Nullable Duration maxElapsed,
        @Nullable Integer maxConcurrentRequests,
        @Nullable Boolean breakerEnabled,
        @Nullable Duration breakerOpenFor,
        @Nullable Integer cacheEntries,
        @Nullable Boolean sharedLimits) {

    /** The config field that overrides {@link #requestsPerSecond} for one integration. */
    public static final String REQUESTS_PER_SECOND_FIELD = "requestsPerSecond";
    /** The config field that overrides {@link #maxConcurrentRequests} for one integration. */
    public static final String MAX_CONCURRENT_FIELD = "maxConcurrentRequests";

    public boolean limitsShared() {
        return sharedLimits == null || sharedLimits;
    }

    /**
     * The settings of one integration: these properties over the defaults, then its own overrides.
     *
     * @throws IllegalArgumentException naming the property when a value is out of range
     */
    public GatewaySettings settingsFor(
            @Nullable Long integrationRequestsPerSecond, @Nullable Long integrationMaxConcurrent) {
        GatewaySettings defaults = GatewaySettings.defaults();
        GatewaySettings.Retry retry = defaults.retry();
        retry = new GatewaySettings.Retry(
                maxAttempts != null ? maxAttempts : retry.maxAttempts(),
                baseDelay != null ? baseDelay : retry.baseDelay(),
                maxDelay != null ? maxDelay : retry.maxDelay(),
                maxRetryAfter != null ? maxRetryAfter : retry.maxRetryAfter(),
                maxElapsed != null ? maxElapsed : retry.maxElapsed());
        long perSecond = integrationRequestsPerSecond != null
                ? integrationRequestsPerSecond
                : requestsPerSecond != null ? requestsPerSecond : 0;
        GatewaySettings.Limits limits =
                GatewaySettings.Limits.none().withIntegration(perSecond > 0 ? RateLimit.perSecond(perSecond) : null);
        if (maxThrottleWait != null) {
            limits = limits.withMaxWait(maxThrottleWait);
        }
        if (upstreamRequestsPerMinute != null) {
            for (Map.Entry<String, Integer> upstream : upstreamRequestsPerMinute.entrySet()) {
                if (upstream.getValue() == null || upstream.getValue() <= 0) {
                    throw new IllegalArgumentException("rollcall.gateway.upstream-requests-per-minute."
                            + upstream.getKey() + " must be greater than 0, but was " + upstream.getValue());
                }
                limits = limits.withUpstream(upstream.getKey(), RateLimit.perMinute(upstream.getValue()));
            }
        }
        GatewaySettings.Bulkhead bulkhead = defaults.bulkhead();
        long concurrent = integrationMaxConcurrent != null
                ? integrationMaxConcurrent
                : maxConcurrentRequests != null ? maxConcurrentRequests : bulkhead.maxConcurrent();
        bulkhead = new GatewaySettings.Bulkhead((int) Math.min(concurrent, 1_000), bulkhead.maxWait());
        GatewaySettings.Breaker breaker = defaults.breaker();
        breaker = new GatewaySettings.Breaker(
                breakerEnabled == null || breakerEnabled,
                breaker.failureRatePercent(),
                breaker.window(),
                breaker.minimumCalls(),
                breakerOpenFor != null ? breakerOpenFor : breaker.openFor(),
                breaker.halfOpenCalls());
        GatewaySettings.Cache cache = cacheEntries != null
                ? new GatewaySettings.Cache(cacheEntries, defaults.cache().maxBytes())
                : defaults.cache();
        return defaults.withRetry(retry)
                .withLimits(limits)
                .withBulkhead(bulkhead)
                .withBreaker(breaker)
                .withCache(cache);
    }
}
