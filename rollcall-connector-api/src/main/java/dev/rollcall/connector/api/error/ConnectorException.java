package dev.rollcall.connector.api.error;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A classified connector failure. A connector classifies each failure once, where it happens
 * (usually in its {@link dev.rollcall.connector.api.ErrorClassifier}), by throwing one of the
 * permitted subclasses; the engine decides what to do from {@link #kind()} alone and never parses
 * messages. Messages must not contain secrets or personal data.
 */
public abstract sealed class ConnectorException extends Exception
        permits RetriableException,
                RateLimitedException,
                AuthenticationException,
                ConfigurationException,
                DataException {

    private final @Nullable Duration retryAfter;

    protected ConnectorException(String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public abstract ErrorKind kind();

    /** How long the upstream asked us to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether trying again later can succeed. */
    public boolean isRetriable() {
        return kind() == ErrorKind.RETRIABLE || kind() == ErrorKind.RATE_LIMITED;
    }
}
