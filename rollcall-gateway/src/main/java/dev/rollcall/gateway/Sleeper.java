package dev.rollcall.gateway;

import java.time.Duration;

/**
 * How the gateway waits between retries. The real one sleeps; tests give one that records the waits
 * and returns at once, so a {@code Retry-After: 120} costs them nothing.
 */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> {
        if (duration.isPositive()) {
            Thread.sleep(duration);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
