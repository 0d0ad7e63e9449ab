/**
 * The gateway as a connector sees it: every outbound HTTP call of a connector goes through an
 * {@link dev.rollcall.connector.api.http.UpstreamClient} obtained from {@link
 * dev.rollcall.connector.api.http.HttpGateway}. The runtime's implementation adds authentication
 * (token cache, single-flight refresh, OAuth 1.0a signing), a rate limiter shared by every Rollcall
 * instance, retries with backoff that honour {@code Retry-After}, a circuit breaker, a bulkhead, a
 * conditional-request cache, metrics and a correlation id. Connectors never build their own HTTP
 * client.
 */
@NullMarked
package dev.rollcall.connector.api.http;

import org.jspecify.annotations.NullMarked;
