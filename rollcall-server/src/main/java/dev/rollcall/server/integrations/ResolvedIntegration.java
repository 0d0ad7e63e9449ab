package dev.rollcall.server.integrations;

import dev.rollcall.connector.api.config.ConnectorConfig;
import java.util.UUID;

/**
 * An integration with its current configuration validated and its secrets decrypted, for the code
 * that opens a connector. Never serialised: the configuration holds {@link
 * dev.rollcall.connector.api.config.Secret}s, whose {@code toString} is masked.
 */
public record ResolvedIntegration(
        UUID tenantId, UUID id, String name, String connector, boolean enabled, int version, ConnectorConfig config) {}
