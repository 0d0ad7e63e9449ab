package dev.rollcall.gateway.internal;

import dev.rollcall.connector.api.error.RetriableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The integration's circuit breaker as the gateway uses it: one permission per attempt, the
 * attempt's outcome recorded, and an open breaker reported with how long until it lets calls again.
 * Without a breaker (disabled in the settings) every attempt is permitted. Thread-safe.
 */
public final class BreakerGuard {

    private final @Nullable CircuitBreaker breaker;
    private final Clock clock;
    private final Duration openFor;
    private final AtomicReference<Instant> openUntil = new AtomicReference<>(Instant.MIN);

    public BreakerGuard(@Nullable CircuitBreaker breaker, Clock clock, Duration openFor) {
        this.breaker = breaker;
        this.clock = clock;
        this.openFor = openFor;
        if (breaker != null) {
            breaker.getEventPublisher().onStateTransition(event -> {
                if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                    openUntil.set(clock.instant().plus(openFor));
                }
            });
        }
    }

    public @Nullable CircuitBreaker breaker() {
        return breaker;
    }

    /** Takes a permission for one attempt. */
    public void acquire(String integrationId, String upstream) throws RetriableException {
        if (breaker == null || breaker.tryAcquirePermission()) {
            return;
        }
        Duration wait = Duration.between(clock.instant(), openUntil.get());
        if (wait.isNegative() || wait.isZero() || wait.compareTo(openFor) > 0) {
            wait = Duration.ofSeconds(1); // half-open with its trial calls taken: ask again shortly
        }
        throw new RetriableException(
                "the circuit breaker of integration " + integrationId + " is open after repeated failures of "
                        + upstream + "; calls resume in " + wait.toSeconds() + " s",
                wait,
                null);
    }

    /** The upstream answered and is up (a 2xx, 3xx or 4xx other than 429). */
    public void success(Duration latency) {
        if (breaker != null) {
            breaker.onSuccess(latency.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The upstream failed (a 5xx or a transport failure). */
    public void failure(Duration latency, Throwable failure) {
        if (breaker != null) {
            breaker.onError(latency.toNanos(), TimeUnit.NANOSECONDS, failure);
        }
    }

    /** The attempt says nothing about the upstream's health (a 429): give the permission back. */
    public void neutral() {
        if (breaker != null) {
            breaker.releasePermission();
        }
    }
}
