package dev.rollcall.server.feed;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Change feed settings, {@code rollcall.feed.*}.
 *
 * @param retention how long journal entries are kept; null (the default) keeps them forever
 * @param webhooks outbound webhook delivery
 */
@ConfigurationProperties("rollcall.feed")
public record FeedProperties(
        @Nullable Duration retention, @Nullable Webhooks webhooks) {

    public FeedProperties {
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("rollcall.feed.retention must be positive, but was " + retention);
        }
        if (webhooks == null) {
            webhooks = new Webhooks(null, null, null, null, null);
        }
    }

    /** Non-null after construction. */
    public Webhooks delivery() {
        return java.util.Objects.requireNonNull(webhooks);
    }

    /**
     * Outbound webhook delivery, {@code rollcall.feed.webhooks.*}.
     *
     * @param maxFailures consecutive failed attempts after which a subscription is disabled (default 10)
     * @param initialBackoff the wait after the first failure; doubled after each further one (default 1 s)
     * @param maxBackoff the longest wait between attempts (default 10 minutes)
     * @param timeout how long one delivery may take (default 10 s)
     * @param pollInterval how often idle subscriptions look for new events (default 500 ms)
     */
    public record Webhooks(
            @Nullable Integer maxFailures,
            @Nullable Duration initialBackoff,
            @Nullable Duration maxBackoff,
            @Nullable Duration timeout,
            @Nullable Duration pollInterval) {

        public Webhooks {
            if (maxFailures != null && maxFailures < 1) {
                throw new IllegalArgumentException(
                        "rollcall.feed.webhooks.max-failures must be 1 or more, but was " + maxFailures);
            }
        }

        public int failuresBeforeDisable() {
            return maxFailures == null ? 10 : maxFailures;
        }

        /** The wait after {@code failures} consecutive failures: initial × 2^(failures-1), capped. */
        public Duration backoff(int failures) {
            Duration initial = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
            Duration cap = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
            Duration delay = initial.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 30));
            return delay.compareTo(cap) > 0 || delay.isNegative() ? cap : delay;
        }

        public Duration requestTimeout() {
            return timeout == null ? Duration.ofSeconds(10) : timeout;
        }

        public Duration idlePoll() {
            return pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        }
    }
}
