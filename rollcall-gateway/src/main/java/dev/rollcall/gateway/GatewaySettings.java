package dev.rollcall.gateway;

import dev.rollcall.gateway.limit.RateLimit;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How one integration's gateway behaves. Immutable; start from {@link #defaults()} and change what
 * differs with the {@code with…} methods. Every constructor checks its values and names the bad one.
 *
 * @param retry retries of what can succeed later
 * @param limits the rate limits and how long a request may wait for them
 * @param breaker the integration's circuit breaker
 * @param bulkhead the integration's bulkhead
 * @param cache the conditional-request cache
 * @param tokenRefreshMargin how long before an OAuth 2.0 token expires it is refreshed (at most a
 *     fifth of its lifetime is given up)
 */
public record GatewaySettings(
        Retry retry, Limits limits, Breaker breaker, Bulkhead bulkhead, Cache cache, Duration tokenRefreshMargin) {

    public GatewaySettings {
        requirePositive("tokenRefreshMargin", tokenRefreshMargin);
    }

    /** Production defaults: see each part's {@code defaults()}. */
    public static GatewaySettings defaults() {
        return new GatewaySettings(
                Retry.defaults(),
                Limits.none(),
                Breaker.defaults(),
                Bulkhead.defaults(),
                Cache.defaults(),
                Duration.ofSeconds(60));
    }

    public GatewaySettings withRetry(Retry newRetry) {
        return new GatewaySettings(newRetry, limits, breaker, bulkhead, cache, tokenRefreshMargin);
    }

    public GatewaySettings withLimits(Limits newLimits) {
        return new GatewaySettings(retry, newLimits, breaker, bulkhead, cache, tokenRefreshMargin);
    }

    public GatewaySettings withBreaker(Breaker newBreaker) {
        return new GatewaySettings(retry, limits, newBreaker, bulkhead, cache, tokenRefreshMargin);
    }

    public GatewaySettings withBulkhead(Bulkhead newBulkhead) {
        return new GatewaySettings(retry, limits, breaker, newBulkhead, cache, tokenRefreshMargin);
    }

    public GatewaySettings withCache(Cache newCache) {
        return new GatewaySettings(retry, limits, breaker, bulkhead, newCache, tokenRefreshMargin);
    }

    public GatewaySettings withTokenRefreshMargin(Duration margin) {
        return new GatewaySettings(retry, limits, breaker, bulkhead, cache, margin);
    }

    /**
     * Retries with exponential backoff and full jitter: before retry {@code n} the gateway waits a
     * random time between 0 and {@code min(maxDelay, baseDelay * 2^(n-1))}, and at least the
     * upstream's {@code Retry-After}.
     *
     * @param maxAttempts how many times a request is sent at most (1 = never retried)
     * @param baseDelay the first backoff's upper bound
     * @param maxDelay the largest backoff upper bound
     * @param maxRetryAfter the longest {@code Retry-After} the gateway waits for inside one call; a
     *     longer one ends the call at once with the upstream's retry-after, for the engine to
     *     schedule
     * @param maxElapsed the total time a call may take with its retries; no retry starts that would
     *     end past it
     */
    public record Retry(
            int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter, Duration maxElapsed) {

        public Retry {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException(
                        "retry.maxAttempts must be between 1 and 100, but was " + maxAttempts);
            }
            requirePositive("retry.baseDelay", baseDelay);
            requirePositive("retry.maxDelay", maxDelay);
            requirePositive("retry.maxRetryAfter", maxRetryAfter);
            requirePositive("retry.maxElapsed", maxElapsed);
            if (maxDelay.compareTo(baseDelay) < 0) {
                throw new IllegalArgumentException("retry.maxDelay must not be shorter than retry.baseDelay ("
                        + baseDelay + "), but was " + maxDelay);
            }
        }

        /** 6 attempts, 500 ms doubling up to 30 s, Retry-After up to 2 min, 5 min in all. */
        public static Retry defaults() {
            return new Retry(
                    6, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(5));
        }
    }

    /**
     * Rate limits: the integration's own, and one per upstream shared by every integration that
     * names the same upstream ({@link dev.rollcall.connector.api.http.ClientSpec#upstream()}). Both
     * apply to each request.
     *
     * @param integration this integration's limit, or null for none
     * @param upstreams limits by upstream name
     * @param maxWait how long a request may wait for its tokens before a {@link
     *     dev.rollcall.connector.api.error.RateLimitedException}
     */
    public record Limits(@Nullable RateLimit integration, Map<String, RateLimit> upstreams, Duration maxWait) {

        public Limits {
            upstreams = Map.copyOf(upstreams);
            requirePositive("limits.maxWait", maxWait);
        }

        /** No limits (a request never waits); 60 s of waiting once limits are set. */
        public static Limits none() {
            return new Limits(null, Map.of(), Duration.ofSeconds(60));
        }

        public Limits withIntegration(@Nullable RateLimit limit) {
            return new Limits(limit, upstreams, maxWait);
        }

        public Limits withUpstream(String upstream, RateLimit limit) {
            var more = new java.util.HashMap<>(upstreams);
            more.put(upstream, limit);
            return new Limits(integration, more, maxWait);
        }

        public Limits withMaxWait(Duration newMaxWait) {
            return new Limits(integration, upstreams, newMaxWait);
        }
    }

    /**
     * The circuit breaker (Resilience4j, count-based window). Transport failures and 5xx answers are
     * failures; 4xx answers are successes (the upstream is up); 429s do not count.
     *
     * @param enabled false to never open
     * @param failureRatePercent the failure rate, over the window, that opens the breaker
     * @param window how many recent calls the rate is computed over
     * @param minimumCalls how many calls the window needs before the rate counts
     * @param openFor how long the breaker stays open before letting trial calls through
     * @param halfOpenCalls how many trial calls decide whether it closes again
     */
    public record Breaker(
            boolean enabled,
            int failureRatePercent,
            int window,
            int minimumCalls,
            Duration openFor,
            int halfOpenCalls) {

        public Breaker {
            if (failureRatePercent < 1 || failureRatePercent > 100) {
                throw new IllegalArgumentException(
                        "breaker.failureRatePercent must be between 1 and 100, but was " + failureRatePercent);
            }
            if (window < 1) {
                throw new IllegalArgumentException("breaker.window must be greater than 0, but was " + window);
            }
            if (minimumCalls < 1) {
                throw new IllegalArgumentException(
                        "breaker.minimumCalls must be greater than 0, but was " + minimumCalls);
            }
            requirePositive("breaker.openFor", openFor);
            if (halfOpenCalls < 1) {
                throw new IllegalArgumentException(
                        "breaker.halfOpenCalls must be greater than 0, but was " + halfOpenCalls);
            }
        }

        /** Opens at 50 % failures over the last 20 calls (at least 10), for 30 s; 3 trial calls. */
        public static Breaker defaults() {
            return new Breaker(true, 50, 20, 10, Duration.ofSeconds(30), 3);
        }

        public static Breaker disabled() {
            return new Breaker(false, 50, 20, 10, Duration.ofSeconds(30), 3);
        }
    }

    /**
     * The bulkhead: how many requests of the integration may be in flight at once.
     *
     * @param maxConcurrent the most requests on the wire at once
     * @param maxWait how long a request waits for a free slot before a {@link
     *     dev.rollcall.connector.api.error.RetriableException}
     */
    public record Bulkhead(int maxConcurrent, Duration maxWait) {

        public Bulkhead {
            if (maxConcurrent < 1) {
                throw new IllegalArgumentException(
                        "bulkhead.maxConcurrent must be greater than 0, but was " + maxConcurrent);
            }
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("bulkhead.maxWait must not be negative, but was " + maxWait);
            }
        }

        /** 8 in flight, 60 s to wait for a slot. */
        public static Bulkhead defaults() {
            return new Bulkhead(8, Duration.ofSeconds(60));
        }
    }

    /**
     * The conditional-request cache: the most recent 200 answers to conditional GETs that carried an
     * {@code ETag} or a {@code Last-Modified}, least recently used first out.
     *
     * @param maxEntries how many answers are kept at most (0 turns the cache off)
     * @param maxBytes how many body bytes are kept at most; a bigger body is not cached
     */
    public record Cache(int maxEntries, long maxBytes) {

        public Cache {
            if (maxEntries < 0) {
                throw new IllegalArgumentException("cache.maxEntries must not be negative, but was " + maxEntries);
            }
            if (maxBytes < 0) {
                throw new IllegalArgumentException("cache.maxBytes must not be negative, but was " + maxBytes);
            }
        }

        /** 1,000 answers, 32 MiB. */
        public static Cache defaults() {
            return new Cache(1_000, 32L * 1024 * 1024);
        }
    }

    private static void requirePositive(String field, @Nullable Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, but was " + value);
        }
    }
}
