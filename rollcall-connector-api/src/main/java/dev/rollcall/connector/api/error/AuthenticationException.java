package dev.rollcall.connector.api.error;

import org.jspecify.annotations.Nullable;

/** The upstream refused the credentials, after a fresh token was tried. Never retried. */
public final class AuthenticationException extends ConnectorException {

    public AuthenticationException(String message, @Nullable Throwable cause) {
        super(message, null, cause);
    }

    public AuthenticationException(String message) {
        this(message, null);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.AUTHENTICATION;
    }
}
