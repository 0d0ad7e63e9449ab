package dev.rollcall.server.connectors;

import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.ConnectorContext;
import dev.rollcall.connector.api.ConnectorFactory;
import dev.rollcall.connector.api.config.ConnectorConfig;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.http.HttpGateway;
import dev.rollcall.engine.ConnectorCatalog;
import dev.rollcall.server.gateway.IntegrationGateways;
import dev.rollcall.server.integrations.IntegrationService;
import dev.rollcall.server.integrations.ResolvedIntegration;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Opens connectors for integrations: the one place where a stored configuration (secrets decrypted)
 * meets its connector factory and a {@link ConnectorContext}. Callers close what they open.
 */
@Component
public class ConnectorRuntime {

    private final IntegrationService integrations;
    private final ConnectorCatalog catalog;
    private final Clock clock;
    private final IntegrationGateways gateways;

    ConnectorRuntime(
            IntegrationService integrations, ConnectorCatalog catalog, Clock clock, IntegrationGateways gateways) {
        this.integrations = integrations;
        this.catalog = catalog;
        this.clock = clock;
        this.gateways = gateways;
    }

    /**
     * Opens the connector of a stored integration with its current configuration.
     *
     * @throws dev.rollcall.server.web.ApiProblem 404 when the tenant has no such integration
     * @throws ConnectorException when the connector cannot use the configuration at all
     */
    public Connector open(UUID tenantId, UUID integrationId) throws ConnectorException {
        ResolvedIntegration integration = integrations.resolve(tenantId, integrationId);
        return open(tenantId, integrationId.toString(), integration.connector(), integration.config());
    }

    /**
     * Opens a connector on a configuration that already passed its spec, with the integration's kept
     * gateway (one client stack per integration, reused across runs).
     */
    public Connector open(UUID tenantId, String integrationId, String connectorType, ConnectorConfig config)
            throws ConnectorException {
        return open(
                tenantId,
                integrationId,
                connectorType,
                config,
                gateways.forIntegration(tenantId.toString(), integrationId, config));
    }

    /** Opens a connector with the given gateway (e.g. a transient one for a configuration not saved yet). */
    public Connector open(
            UUID tenantId, String integrationId, String connectorType, ConnectorConfig config, HttpGateway gateway)
            throws ConnectorException {
        ConnectorFactory factory = catalog.find(connectorType)
                .orElseThrow(() -> new IllegalStateException("connector '" + connectorType + "' is not installed"));
        return factory.open(config, ConnectorContext.of(tenantId.toString(), integrationId, clock, gateway));
    }
}
