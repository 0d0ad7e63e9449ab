package dev.rollcall.connector.api.http;

/**
 * Hands out the client stack for one upstream of the current integration. Given by the runtime
 * through {@link dev.rollcall.connector.api.ConnectorContext#http()}.
 *
 * <p><b>Lifecycle.</b> Clients are owned by the gateway, not by the connector: the same spec gives a
 * client that shares the token cache, the rate limiter, the circuit breaker and the bulkhead with
 * every other client of the same integration and upstream, also across connector instances. A
 * connector does not close them.
 *
 * <p><b>Threading.</b> Thread-safe; clients are thread-safe.
 */
public interface HttpGateway {

    /** The client stack for {@code spec}; cheap to call repeatedly with an equal spec. */
    UpstreamClient client(ClientSpec spec);
}
