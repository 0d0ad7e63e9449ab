package dev.rollcall.server.webhooks;

import dev.rollcall.server.secrets.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Endpoints and their encrypted secrets in {@code webhook_endpoint} and {@code webhook_endpoint_secret}. */
@Repository
class WebhookEndpointStore {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    /** An endpoint row. */
    record Row(
            UUID id,
            UUID tenantId,
            UUID integrationId,
            String scheme,
            Map<String, String> settings,
            boolean enabled,
            Instant createdAt) {}

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final JsonMapper json;

    WebhookEndpointStore(JdbcClient jdbc, SecretCipher cipher, JsonMapper json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
    }

    void insert(Row row) {
        jdbc.sql("""
                        insert into webhook_endpoint (id, tenant_id, integration_id, scheme, settings, enabled, created_at, updated_at)
                        values (:id, :tenant, :integration, :scheme, cast(:settings as jsonb), true, :at, :at)
                        """)
                .param("id", row.id())
                .param("tenant", row.tenantId())
                .param("integration", row.integrationId())
                .param("scheme", row.scheme())
                .param("settings", json.writeValueAsString(row.settings()))
                .param("at", java.sql.Timestamp.from(row.createdAt()))
                .update();
    }

    private static final String SELECT = """
            select id, tenant_id, integration_id, scheme, settings::text, enabled, created_at
            from webhook_endpoint
            """;

    Optional<Row> find(UUID tenantId, UUID id) {
        return jdbc.sql(SELECT + " where tenant_id = :tenant and id = :id and deleted_at is null")
                .param("tenant", tenantId)
                .param("id", id)
                .query(this::row)
                .optional();
    }

    /** For the ingress, which knows only the endpoint id. */
    Optional<Row> findAnyTenant(UUID id) {
        return jdbc.sql(SELECT + " where id = :id and deleted_at is null")
                .param("id", id)
                .query(this::row)
                .optional();
    }

    List<Row> list(UUID tenantId, UUID integrationId) {
        return jdbc.sql(SELECT + " where tenant_id = :tenant and integration_id = :integration and deleted_at is null"
                        + " order by created_at")
                .param("tenant", tenantId)
                .param("integration", integrationId)
                .query(this::row)
                .list();
    }

    void delete(UUID tenantId, UUID id, Instant at) {
        jdbc.sql("update webhook_endpoint set deleted_at = :at, enabled = false where tenant_id = :tenant and id = :id")
                .param("at", java.sql.Timestamp.from(at))
                .param("tenant", tenantId)
                .param("id", id)
                .update();
    }

    /** Adds a secret as the newest version; earlier active ones retire at {@code retireOthersAt}. */
    void addSecret(UUID tenantId, UUID endpointId, String secret, Instant now, @Nullable Instant retireOthersAt) {
        jdbc.sql("""
                        update webhook_endpoint_secret set retire_at = :retire
                        where endpoint_id = :endpoint and (retire_at is null or retire_at > :retire)
                        """)
                .param("retire", java.sql.Timestamp.from(retireOthersAt == null ? now : retireOthersAt))
                .param("endpoint", endpointId)
                .update();
        int version = jdbc.sql(
                        "select coalesce(max(version), 0) + 1 from webhook_endpoint_secret where endpoint_id = :endpoint")
                .param("endpoint", endpointId)
                .query(Integer.class)
                .single();
        SecretCipher.Sealed sealed =
                cipher.encrypt(secret.getBytes(StandardCharsets.UTF_8), associatedData(tenantId, endpointId, version));
        jdbc.sql("""
                        insert into webhook_endpoint_secret (endpoint_id, version, tenant_id, ciphertext, key_id, created_at)
                        values (:endpoint, :version, :tenant, :ciphertext, :keyId, :at)
                        """)
                .param("endpoint", endpointId)
                .param("version", version)
                .param("tenant", tenantId)
                .param("ciphertext", sealed.ciphertext())
                .param("keyId", sealed.keyId())
                .param("at", java.sql.Timestamp.from(now))
                .update();
    }

    /** The secrets valid at {@code now}, newest first, decrypted. */
    List<String> activeSecrets(UUID tenantId, UUID endpointId, Instant now) {
        record Stored(int version, byte[] ciphertext) {}
        return jdbc
                .sql("""
                        select version, ciphertext from webhook_endpoint_secret
                        where endpoint_id = :endpoint and tenant_id = :tenant and (retire_at is null or retire_at > :now)
                        order by version desc
                        """)
                .param("endpoint", endpointId)
                .param("tenant", tenantId)
                .param("now", java.sql.Timestamp.from(now))
                .query((rs, n) -> new Stored(rs.getInt(1), rs.getBytes(2)))
                .list()
                .stream()
                .map(stored -> decrypt(tenantId, endpointId, stored.version(), stored.ciphertext()))
                .toList();
    }

    private String decrypt(UUID tenantId, UUID endpointId, int version, byte[] ciphertext) {
        try {
            return new String(
                    cipher.decrypt(ciphertext, associatedData(tenantId, endpointId, version)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret " + version + " of webhook endpoint " + endpointId
                    + " does not decrypt with the master keyset (was ROLLCALL_MASTER_KEY changed?)");
        }
    }

    private static byte[] associatedData(UUID tenantId, UUID endpointId, int version) {
        return ("rollcall/webhook-endpoint-secret/" + tenantId + "/" + endpointId + "/" + version)
                .getBytes(StandardCharsets.UTF_8);
    }

    private Row row(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
        return new Row(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                json.readValue(rs.getString(5), STRING_MAP),
                rs.getBoolean(6),
                rs.getTimestamp(7).toInstant());
    }
}
