package dev.rollcall.connector.api.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A temporary failure (a 5xx, a timeout, a reset connection): worth retrying with backoff. */
public final class RetriableException extends ConnectorException {

    public RetriableException(String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        super(message, retryAfter, cause);
    }

    public RetriableException(String message) {
        this(message, null, null);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.RETRIABLE;
    }
}
