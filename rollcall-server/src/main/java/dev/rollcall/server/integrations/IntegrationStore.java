package dev.rollcall.server.integrations;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code integration} and {@code integration_config_version}; every query is tenant-scoped. */
@Repository
class IntegrationStore {

    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};

    /** The integration row with its current version's configuration (non-secret values). */
    record Row(
            UUID id,
            UUID tenantId,
            String name,
            String connector,
            boolean enabled,
            int version,
            Map<String, Object> config,
            List<String> secretFields,
            Instant createdAt,
            Instant updatedAt) {}

    private static final String SELECT_ROW = """
            select i.id, i.tenant_id, i.name, i.connector, i.enabled, i.current_version, v.config::text as config,
                   v.secret_fields, i.created_at, i.updated_at
            from integration i
            join integration_config_version v on v.integration_id = i.id and v.version = i.current_version
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    IntegrationStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Row> find(UUID tenantId, UUID id) {
        return jdbc.sql(SELECT_ROW + " where i.tenant_id = :tenant and i.id = :id and i.deleted_at is null")
                .param("tenant", tenantId)
                .param("id", id)
                .query(this::row)
                .optional();
    }

    /** Locks the integration row for the rest of the transaction, so concurrent updates serialise. */
    Optional<Row> findForUpdate(UUID tenantId, UUID id) {
        jdbc.sql("select id from integration where tenant_id = :tenant and id = :id and deleted_at is null for update")
                .param("tenant", tenantId)
                .param("id", id)
                .query(UUID.class)
                .optional();
        return find(tenantId, id);
    }

    List<Row> list(UUID tenantId, int limit, int offset) {
        return jdbc.sql(SELECT_ROW + """
                         where i.tenant_id = :tenant and i.deleted_at is null
                        order by i.created_at, i.id
                        limit :limit offset :offset
                        """)
                .param("tenant", tenantId)
                .param("limit", limit)
                .param("offset", offset)
                .query(this::row)
                .list();
    }

    long count(UUID tenantId) {
        return jdbc.sql("select count(*) from integration where tenant_id = :tenant and deleted_at is null")
                .param("tenant", tenantId)
                .query(Long.class)
                .single();
    }

    boolean nameTaken(UUID tenantId, String name, UUID except) {
        return jdbc.sql("""
                        select count(*) from integration
                        where tenant_id = :tenant and lower(name) = lower(:name) and deleted_at is null and id <> :except
                        """)
                        .param("tenant", tenantId)
                        .param("name", name)
                        .param("except", except)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void insert(UUID tenantId, UUID id, String name, String connector) {
        jdbc.sql("""
                        insert into integration (id, tenant_id, name, connector, enabled, current_version)
                        values (:id, :tenant, :name, :connector, true, 1)
                        """)
                .param("id", id)
                .param("tenant", tenantId)
                .param("name", name)
                .param("connector", connector)
                .update();
    }

    void insertVersion(UUID tenantId, ConfigVersion version) {
        jdbc.sql("""
                        insert into integration_config_version
                            (integration_id, version, tenant_id, name, config, secret_fields, change, created_by, created_at)
                        values (:integration, :version, :tenant, :name, cast(:config as jsonb), :secretFields, :change,
                                :createdBy, :createdAt)
                        """)
                .param("integration", version.integrationId())
                .param("version", version.version())
                .param("tenant", tenantId)
                .param("name", version.name())
                .param("config", json.writeValueAsString(version.config()))
                .param("secretFields", version.secretFields().toArray(String[]::new))
                .param("change", version.change())
                .param("createdBy", version.createdBy())
                .param("createdAt", java.sql.Timestamp.from(version.createdAt()))
                .update();
    }

    void setCurrentVersion(UUID tenantId, UUID id, String name, int version) {
        jdbc.sql("""
                        update integration set name = :name, current_version = :version, updated_at = now()
                        where tenant_id = :tenant and id = :id
                        """)
                .param("tenant", tenantId)
                .param("id", id)
                .param("name", name)
                .param("version", version)
                .update();
    }

    void setEnabled(UUID tenantId, UUID id, boolean enabled) {
        jdbc.sql("update integration set enabled = :enabled, updated_at = now() where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId)
                .param("id", id)
                .param("enabled", enabled)
                .update();
    }

    void markDeleted(UUID tenantId, UUID id) {
        jdbc.sql("update integration set deleted_at = now(), enabled = false where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId)
                .param("id", id)
                .update();
    }

    List<ConfigVersion> versions(UUID tenantId, UUID id) {
        return jdbc.sql("""
                        select integration_id, version, name, config::text as config, secret_fields, change, created_by, created_at
                        from integration_config_version
                        where tenant_id = :tenant and integration_id = :id
                        order by version
                        """)
                .param("tenant", tenantId)
                .param("id", id)
                .query(this::version)
                .list();
    }

    Optional<ConfigVersion> version(UUID tenantId, UUID id, int version) {
        return jdbc.sql("""
                        select integration_id, version, name, config::text as config, secret_fields, change, created_by, created_at
                        from integration_config_version
                        where tenant_id = :tenant and integration_id = :id and version = :version
                        """)
                .param("tenant", tenantId)
                .param("id", id)
                .param("version", version)
                .query(this::version)
                .optional();
    }

    private Row row(ResultSet rs, int rowNumber) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getString("name"),
                rs.getString("connector"),
                rs.getBoolean("enabled"),
                rs.getInt("current_version"),
                json.readValue(rs.getString("config"), OBJECT_MAP),
                strings(rs.getArray("secret_fields")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private ConfigVersion version(ResultSet rs, int rowNumber) throws SQLException {
        return new ConfigVersion(
                rs.getObject("integration_id", UUID.class),
                rs.getInt("version"),
                rs.getString("name"),
                json.readValue(rs.getString("config"), OBJECT_MAP),
                strings(rs.getArray("secret_fields")),
                rs.getString("change"),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
