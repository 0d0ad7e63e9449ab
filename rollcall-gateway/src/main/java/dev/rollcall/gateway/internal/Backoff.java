package dev.rollcall.gateway.internal;

import dev.rollcall.gateway.GatewaySettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/** Exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS, 2015). */
final class Backoff {

    private final GatewaySettings.Retry settings;

    Backoff(GatewaySettings.Retry settings) {
        this.settings = settings;
    }

    /** The upper bound before retry {@code retry} (1 for the first retry). */
    Duration ceiling(int retry) {
        long base = settings.baseDelay().toNanos();
        long max = settings.maxDelay().toNanos();
        int shift = Math.min(retry - 1, 62);
        long ceiling = base > (max >> shift) ? max : base << shift;
        return Duration.ofNanos(Math.min(ceiling, max));
    }

    /** A random wait in {@code [0, ceiling(retry)]}, and at least {@code retryAfter} when given. */
    Duration delay(int retry, @Nullable Duration retryAfter) {
        long jitter = ThreadLocalRandom.current().nextLong(ceiling(retry).toNanos() + 1);
        Duration wait = Duration.ofNanos(jitter);
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }
}
