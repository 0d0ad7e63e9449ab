package dev.rollcall.connector.api.error;

import org.jspecify.annotations.Nullable;

/**
 * One record cannot be read or used: malformed JSON, a missing required field, a value outside its
 * vocabulary. Thrown by {@code fetch}; inside a page the same failure is a {@link
 * dev.rollcall.connector.api.RecordError} so that the rest of the page is kept.
 */
public final class DataException extends ConnectorException {

    private final @Nullable String externalId;

    public DataException(String message, @Nullable String externalId, @Nullable Throwable cause) {
        super(message, null, cause);
        this.externalId = externalId;
    }

    public @Nullable String externalId() {
        return externalId;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.DATA;
    }
}
