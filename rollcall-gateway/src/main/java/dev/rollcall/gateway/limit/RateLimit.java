package dev.rollcall.gateway.limit;

import java.time.Duration;

/**
 * A token-bucket limit: at most {@code permits} requests at once (the bucket's capacity), refilled
 * evenly at {@code permits} per {@code period}. Over any interval of length {@code t} the requests
 * let through are at most {@code permits + permits * t / period}.
 */
public record RateLimit(long permits, Duration period) {

    public RateLimit {
        if (permits <= 0) {
            throw new IllegalArgumentException("permits must be greater than 0, but was " + permits);
        }
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, but was " + period);
        }
    }

    public static RateLimit perSecond(long permits) {
        return new RateLimit(permits, Duration.ofSeconds(1));
    }

    public static RateLimit perMinute(long permits) {
        return new RateLimit(permits, Duration.ofMinutes(1));
    }

    @Override
    public String toString() {
        return permits + " per " + period;
    }
}
