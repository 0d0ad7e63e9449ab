package dev.rollcall.server.integrations;

import dev.rollcall.connector.api.config.Secret;
import dev.rollcall.server.secrets.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The secret fields of each configuration version, encrypted in {@code integration_credential}.
 * The associated data is {@code tenant/integration/version}: a ciphertext only decrypts in the row
 * it was written for.
 */
@Repository
class IntegrationSecrets {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final JsonMapper json;

    IntegrationSecrets(JdbcClient jdbc, SecretCipher cipher, JsonMapper json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
    }

    /** The config with each secret field that is set shown as {@code "********"}. */
    static Map<String, Object> masked(Map<String, Object> config, List<String> secretFields) {
        Map<String, Object> view = new LinkedHashMap<>(config);
        secretFields.forEach(field -> view.put(field, Secret.MASK));
        return view;
    }

    void store(UUID tenantId, UUID integrationId, int version, Map<String, String> secrets) {
        if (secrets.isEmpty()) {
            return;
        }
        SecretCipher.Sealed sealed =
                cipher.encrypt(json.writeValueAsBytes(secrets), associatedData(tenantId, integrationId, version));
        jdbc.sql("""
                        insert into integration_credential (integration_id, version, tenant_id, ciphertext, key_id)
                        values (:integration, :version, :tenant, :ciphertext, :keyId)
                        """)
                .param("integration", integrationId)
                .param("version", version)
                .param("tenant", tenantId)
                .param("ciphertext", sealed.ciphertext())
                .param("keyId", sealed.keyId())
                .update();
    }

    Map<String, String> load(UUID tenantId, UUID integrationId, int version) {
        return jdbc.sql("""
                        select ciphertext from integration_credential
                        where tenant_id = :tenant and integration_id = :integration and version = :version
                        """)
                .param("tenant", tenantId)
                .param("integration", integrationId)
                .param("version", version)
                .query(byte[].class)
                .optional()
                .map(ciphertext -> decrypt(ciphertext, tenantId, integrationId, version))
                .orElse(Map.of());
    }

    private Map<String, String> decrypt(byte[] ciphertext, UUID tenantId, UUID integrationId, int version) {
        try {
            byte[] plaintext = cipher.decrypt(ciphertext, associatedData(tenantId, integrationId, version));
            return json.readValue(plaintext, STRING_MAP);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the credentials of integration " + integrationId + " version " + version
                    + " do not decrypt with the master keyset (was ROLLCALL_MASTER_KEY changed?)");
        }
    }

    private static byte[] associatedData(UUID tenantId, UUID integrationId, int version) {
        return ("rollcall/integration-credential/" + tenantId + "/" + integrationId + "/" + version)
                .getBytes(StandardCharsets.UTF_8);
    }
}
