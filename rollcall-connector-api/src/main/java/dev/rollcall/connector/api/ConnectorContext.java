package dev.rollcall.connector.api;

import java.time.Clock;

/**
 * What the runtime gives a connector: who it works for and the clock. Connectors take time only
 * from {@link #clock()}, never from {@code Instant.now()}, so tests control it. Later versions add
 * the gateway's HTTP client here; connectors must not build their own.
 */
public interface ConnectorContext {

    /** The integration's id, for log context and metrics tags. */
    String integrationId();

    /** The tenant's id, for log context and metrics tags. */
    String tenantId();

    Clock clock();

    static ConnectorContext of(String tenantId, String integrationId, Clock clock) {
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
        };
    }
}
