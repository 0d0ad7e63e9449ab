package dev.rollcall.connector.api.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The upstream throttled the request (429, or Canvas's 403 "Rate Limit Exceeded"). */
public final class RateLimitedException extends ConnectorException {

    public RateLimitedException(String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        super(message, retryAfter, cause);
    }

    public RateLimitedException(String message) {
        this(message, null, null);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.RATE_LIMITED;
    }
}
