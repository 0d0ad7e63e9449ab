package dev.rollcall.engine.sync.internal;

import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.engine.sync.Sleeper;
import dev.rollcall.engine.sync.SyncSettings;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one page, retrying a retriable or rate-limited failure with exponential backoff (honouring
 * the upstream's Retry-After, capped at the maximum backoff) up to the configured number of
 * attempts. Authentication, configuration and data failures are not retried.
 */
public final class ConnectorReader {

    private static final Logger log = LoggerFactory.getLogger(ConnectorReader.class);

    /** Thrown when the run was cancelled while waiting to retry. */
    public static final class Cancelled extends Exception {
        public Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    private final Connector connector;
    private final SyncSettings settings;
    private final Sleeper sleeper;
    private final BooleanSupplier cancelled;

    public ConnectorReader(Connector connector, SyncSettings settings, Sleeper sleeper, BooleanSupplier cancelled) {
        this.connector = connector;
        this.settings = settings;
        this.sleeper = sleeper;
        this.cancelled = cancelled;
    }

    public Page read(ReadRequest request) throws ConnectorException, Cancelled, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return connector.read(request);
            } catch (ConnectorException e) {
                if (!e.isRetriable() || attempt >= settings.maxAttempts()) {
                    throw e;
                }
                Duration wait = backoff(attempt, e);
                log.info(
                        "stream {}: {} failure on attempt {} of {} ({}); retrying in {} ms",
                        request.stream(),
                        e.kind(),
                        attempt,
                        settings.maxAttempts(),
                        e.getMessage(),
                        wait.toMillis());
                sleeper.sleep(wait);
                if (cancelled.getAsBoolean()) {
                    throw new Cancelled();
                }
            }
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    Duration backoff(int attempt, ConnectorException failure) {
        Duration exponential = settings.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        Duration wait = failure.retryAfter().filter(d -> !d.isNegative()).orElse(exponential);
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }
}
