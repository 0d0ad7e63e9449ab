package dev.rollcall.connector.api.http;

import dev.rollcall.connector.api.error.ConnectorException;

/**
 * Sends requests to one upstream through the gateway's stack.
 *
 * <p><b>What the gateway handles</b> (so the connector does not): authentication (a 401 is answered
 * by one refresh of the token and one retry); waiting for the shared rate limiter; retrying what can
 * succeed later (429, 502, 503, 504, connect and read timeouts) with exponential backoff and full
 * jitter, honouring {@code Retry-After}; the circuit breaker and bulkhead; conditional requests
 * when {@link UpstreamRequest#conditional()}.
 *
 * <p><b>What it returns.</b> Every response that is not retried, whatever its status (a 404, a 400,
 * a 401 after the refresh): the connector decides what it means through its {@link
 * dev.rollcall.connector.api.ErrorClassifier}.
 *
 * @see HttpGateway
 */
public interface UpstreamClient {

    /**
     * Sends {@code request}.
     *
     * @throws ConnectorException a {@link dev.rollcall.connector.api.error.RateLimitedException} or
     *     {@link dev.rollcall.connector.api.error.RetriableException} when retries are exhausted, the
     *     breaker is open or the bulkhead is full; an {@link
     *     dev.rollcall.connector.api.error.AuthenticationException} when no token can be obtained; a
     *     {@link dev.rollcall.connector.api.error.ConfigurationException} when the token endpoint or
     *     the URL cannot be used at all (unknown host, TLS failure). Messages are actionable and
     *     carry no secret.
     */
    UpstreamResponse send(UpstreamRequest request) throws ConnectorException;

    /**
     * Obtains a token now (from the cache when it is fresh), for the connection doctor: it tells a
     * wrong token URL from a wrong path prefix. Does nothing for specs without a token flow.
     */
    void authenticate() throws ConnectorException;
}
