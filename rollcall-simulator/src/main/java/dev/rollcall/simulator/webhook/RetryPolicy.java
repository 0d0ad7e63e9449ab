package dev.rollcall.simulator.webhook;

import java.time.Duration;

/**
 * How a webhook delivery is retried: after a non-2xx answer, a timeout or a connection failure,
 * wait {@code initialDelay}, then twice as long each time up to {@code maxDelay}, for at most
 * {@code maxAttempts} attempts in all; then the message is given up and the next one is sent.
 *
 * @param timeout how long one attempt may take, connecting included
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration timeout) {

    /** 5 attempts, 1 s doubling up to 30 s, 10 s per attempt (TimeBack's receivers must answer in 10 s). */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10));

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 100, but was " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("initialDelay must not be negative nor above maxDelay, but were "
                    + initialDelay + " and " + maxDelay);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    public Duration delayAfter(int attempt) {
        Duration delay = initialDelay;
        for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
