package dev.rollcall.gateway.internal;

import dev.rollcall.connector.api.error.ConfigurationException;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.error.RetriableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link IOException} from the HTTP client means: a configuration that cannot work (unknown
 * host, TLS failure), or a failure worth retrying, and whether the request may have reached the
 * upstream.
 */
public record TransportFailure(Kind kind, String message) {

    public enum Kind {
        /** The host or TLS cannot work: retrying will not help. */
        CONFIGURATION,
        /** Nothing accepts connections there: nothing reached the upstream. */
        REFUSED,
        /** The connection was not made in time: nothing reached the upstream. */
        CONNECT,
        /** Connected but no whole answer in time: the upstream may have acted on the request. */
        TIMEOUT,
        /** The connection broke (reset, closed early): the upstream may have acted on the request. */
        BROKEN
    }

    /**
     * Classifies {@code failure} of a request to {@code uri}.
     *
     * @param what what was called, for the message, e.g. {@code "the token endpoint"}
     */
    public static TransportFailure classify(IOException failure, URI uri, String what) {
        String hostPort = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        if (has(failure, UnresolvedAddressException.class) || has(failure, UnknownHostException.class)) {
            return new TransportFailure(
                    Kind.CONFIGURATION,
                    "the host '" + uri.getHost() + "' of " + what + " cannot be resolved (check the URL)");
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return new TransportFailure(
                    Kind.CONFIGURATION,
                    "TLS with " + hostPort + " (" + what + ") failed: " + tls.getMessage()
                            + " (check https versus http and the server's certificate)");
        }
        if (failure instanceof HttpConnectTimeoutException) {
            return new TransportFailure(
                    Kind.CONNECT, "connecting to " + hostPort + " (" + what + ") timed out (TCP or TLS handshake)");
        }
        if (failure instanceof HttpTimeoutException) {
            return new TransportFailure(
                    Kind.TIMEOUT, hostPort + " (" + what + ") did not answer in time: " + failure.getMessage());
        }
        if (has(failure, ConnectException.class)) {
            return new TransportFailure(
                    Kind.REFUSED, "nothing accepts connections at " + hostPort + " (" + what + "): connection refused");
        }
        return new TransportFailure(
                Kind.BROKEN,
                "the connection to " + hostPort + " (" + what + ") broke: "
                        + failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : " " + failure.getMessage()));
    }

    /** Whether nothing can have reached the upstream, so any request may be sent again. */
    public boolean nothingSent() {
        return kind == Kind.REFUSED || kind == Kind.CONNECT;
    }

    /**
     * The exception for a failure that is not retried (any more). A refused connection is a
     * configuration problem when {@code refusedIsConfiguration} (the token endpoint: it names the
     * wrong host or port), else retriable (an upstream restarting).
     */
    public ConnectorException toException(@Nullable Throwable cause, boolean refusedIsConfiguration) {
        return switch (kind) {
            case CONFIGURATION -> new ConfigurationException(message, cause);
            case REFUSED ->
                refusedIsConfiguration
                        ? new ConfigurationException(message + " (check the URL's host and port)", cause)
                        : new RetriableException(message, null, cause);
            case CONNECT, TIMEOUT, BROKEN -> new RetriableException(message, null, cause);
        };
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        return find(failure, type) != null;
    }

    private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
