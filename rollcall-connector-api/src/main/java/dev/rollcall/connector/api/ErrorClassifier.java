package dev.rollcall.connector.api;

import dev.rollcall.connector.api.error.ConnectorException;

/**
 * The one place where a connector turns what went wrong (an HTTP status, an I/O exception, an
 * upstream error body) into a classified {@link ConnectorException}. Debezium's {@code
 * ErrorHandler} is the model: classification is decided once, not at every call site.
 */
@FunctionalInterface
public interface ErrorClassifier {

    /** Classifies a failure; must return, never throw. */
    ConnectorException classify(Throwable failure);
}
