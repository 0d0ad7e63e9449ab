package dev.rollcall.server.integrations;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One stored version of an integration's configuration. {@code config} holds the non-secret values
 * only; the secrets of the version are in {@code integration_credential}, encrypted, and {@code
 * secretFields} names which were set.
 */
public record ConfigVersion(
        UUID integrationId,
        int version,
        String name,
        Map<String, Object> config,
        List<String> secretFields,
        String change,
        String createdBy,
        Instant createdAt) {

    /** The version as the API shows it: secrets masked. */
    VersionView view() {
        return new VersionView(
                version, name, IntegrationSecrets.masked(config, secretFields), change, createdBy, createdAt);
    }

    public record VersionView(
            int version, String name, Map<String, Object> config, String change, String createdBy, Instant createdAt) {}
}
