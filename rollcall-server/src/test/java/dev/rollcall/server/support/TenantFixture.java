package dev.rollcall.server.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh tenant for one test, with an admin API token, and roster and journal rows written
 * straight into the tables (as the sync engine would leave them).
 */
public final class TenantFixture {

    public final UUID tenantId = UUID.randomUUID();
    public final String adminToken = "it-tenant-token-" + UUID.randomUUID();
    private final JdbcClient jdbc;

    public TenantFixture(JdbcClient jdbc) {
        this.jdbc = jdbc;
        jdbc.sql("insert into tenant (id, slug, name) values (:id, :slug, :name)")
                .param("id", tenantId)
                .param("slug", "t-" + tenantId)
                .param("name", "Tenant " + tenantId)
                .update();
        jdbc.sql("""
                        insert into api_token (id, tenant_id, name, role, token_sha256)
                        values (:id, :tenant, 'it-admin', 'admin', :hash)
                        """)
                .param("id", UUID.randomUUID())
                .param("tenant", tenantId)
                .param("hash", sha256(adminToken))
                .update();
    }

    /** Writes one roster row; {@code typed} are the table's lookup columns as {@code name=value} SQL pairs. */
    public void roster(String table, UUID id, String status, Instant modified, String recordJson, Object... typed) {
        StringBuilder columns = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < typed.length; i += 2) {
            columns.append(", ").append(typed[i]);
            values.append(", :c").append(i);
        }
        JdbcClient.StatementSpec spec = jdbc.sql("insert into " + table
                        + " (id, tenant_id, status, date_last_modified, checksum, record"
                        + columns + ") values (:id, :tenant, :status, :modified, :checksum, cast(:record as jsonb)"
                        + values + ")")
                .param("id", id)
                .param("tenant", tenantId)
                .param("status", status)
                .param("modified", Timestamp.from(modified))
                .param("checksum", sha256(recordJson))
                .param("record", recordJson);
        for (int i = 0; i < typed.length; i += 2) {
            spec = spec.param("c" + i, typed[i + 1]);
        }
        spec.update();
    }

    /** Writes one journal entry, as a writer holding the journal lock would. */
    public void journal(String entityType, UUID id, String operation, String recordJson, Instant at) {
        jdbc.sql("""
                        insert into change_journal (tenant_id, entity_type, record_id, operation, changed_fields, record,
                            cause, occurred_at)
                        values (:tenant, :type, :id, :operation, '{status}', cast(:record as jsonb), 'test', :at)
                        """)
                .param("tenant", tenantId)
                .param("type", entityType)
                .param("id", id)
                .param("operation", operation)
                .param("record", recordJson)
                .param("at", Timestamp.from(at))
                .update();
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
