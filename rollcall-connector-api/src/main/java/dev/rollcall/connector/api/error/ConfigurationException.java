package dev.rollcall.connector.api.error;

import org.jspecify.annotations.Nullable;

/** The configuration cannot work against this upstream (unknown path, missing permission). Not retried. */
public final class ConfigurationException extends ConnectorException {

    public ConfigurationException(String message, @Nullable Throwable cause) {
        super(message, null, cause);
    }

    public ConfigurationException(String message) {
        this(message, null);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFIG;
    }
}
