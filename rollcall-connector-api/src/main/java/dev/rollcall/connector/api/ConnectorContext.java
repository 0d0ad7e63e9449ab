package dev.rollcall.connector.api;

import dev.rollcall.connector.api.http.HttpGateway;
import java.time.Clock;

/**
 * What the runtime gives a connector: who it works for, the clock, and the gateway. Connectors take
 * time only from {@link #clock()}, never from {@code Instant.now()}, so tests control it, and send
 * every HTTP request through {@link #http()}, never through a client of their own.
 */
public interface ConnectorContext {

    /** The integration's id, for log context and metrics tags. */
    String integrationId();

    /** The tenant's id, for log context and metrics tags. */
    String tenantId();

    Clock clock();

    /** The gateway through which every outbound request goes. */
    HttpGateway http();

    /** A context without a gateway, for connectors that make no HTTP calls (and their tests). */
    static ConnectorContext of(String tenantId, String integrationId, Clock clock) {
        return of(tenantId, integrationId, clock, spec -> {
            throw new UnsupportedOperationException(
                    "this context has no HTTP gateway (asked for " + spec.baseUrl() + ")");
        });
    }

    static ConnectorContext of(String tenantId, String integrationId, Clock clock, HttpGateway gateway) {
        return new ConnectorContext() {
            @Override
            public String integrationId() {
                return integrationId;
            }

            @Override
            public String tenantId() {
                return tenantId;
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public HttpGateway http() {
                return gateway;
            }
        };
    }
}
