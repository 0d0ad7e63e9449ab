package dev.rollcall.server.roster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The roster browser's SQL over the canonical roster tables, {@code id_mapping} and {@code
 * change_journal}; every query is scoped by tenant. Lists are in id order, paged by keyset on the
 * id, so a page costs the same at any depth and needs only the {@code (tenant_id, id)} index.
 */
@Repository
class RosterRecords {

    /** One row of a list: enough to recognise the record. */
    record Summary(
            UUID id,
            String entity,
            @Nullable String title,
            @Nullable String detail,
            String status,
            Instant dateLastModified) {}

    /** A list query; a null field does not narrow. */
    record Query(
            @Nullable String text,
            @Nullable UUID integrationId,
            boolean includeDeleted,
            @Nullable UUID after,
            int limit) {}

    /** One record as stored; {@code provenance} has an entry for every field. */
    record Stored(
            UUID id,
            String status,
            Instant dateLastModified,
            Instant createdAt,
            JsonNode record,
            JsonNode provenance) {}

    /** One row of the mapping ledger for the record; {@code current} while {@code validTo} is null. */
    record Mapping(
            UUID integrationId,
            @Nullable String integrationName,
            String externalId,
            String matchedBy,
            Instant validFrom,
            @Nullable Instant validTo,
            boolean current) {}

    /** One change-journal entry for the record. */
    record Change(
            long seq,
            String operation,
            List<String> changedFields,
            @Nullable UUID sessionId,
            String cause,
            Instant occurredAt) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RosterRecords(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Summary> list(UUID tenantId, BrowsableEntity entity, Query query) {
        StringBuilder sql = new StringBuilder("select r.id, r.status, r.date_last_modified, ")
                .append(entity.title)
                .append(" as title, ")
                .append(entity.detail)
                .append(" as detail from ")
                .append(entity.from())
                .append(" where r.tenant_id = :tenant");
        if (!query.includeDeleted()) {
            sql.append(" and r.status = 'active'");
        }
        if (query.after() != null) {
            sql.append(" and r.id > :after");
        }
        if (query.integrationId() != null) {
            sql.append(" and exists").append("""
                     (select 1 from id_mapping m where m.tenant_id = r.tenant_id and m.entity_type = :type
                                 and m.local_id = r.id and m.integration_id = :integration and m.valid_to is null)""");
        }
        String text = query.text();
        if (text != null) {
            sql.append(" and (r.id::text = :text");
            for (String column : entity.searched) {
                sql.append(" or ").append(column).append(" ilike :pattern escape '\\'");
            }
            sql.append(" or r.id in").append("""
                     (select m.local_id from id_mapping m where m.tenant_id = :tenant and m.entity_type = :type
                                 and m.external_id = :text and m.valid_to is null))""");
        }
        sql.append(" order by r.id limit :limit");
        return jdbc.sql(sql.toString())
                .param("tenant", tenantId)
                .param("type", entity.table().wireName())
                .param("after", query.after())
                .param("integration", query.integrationId())
                .param("text", text)
                .param("pattern", text == null ? null : "%" + likeEscaped(text) + "%")
                .param("limit", query.limit())
                .query((rs, row) -> new Summary(
                        rs.getObject("id", UUID.class),
                        entity.collection(),
                        rs.getString("title"),
                        rs.getString("detail"),
                        rs.getString("status"),
                        rs.getTimestamp("date_last_modified").toInstant()))
                .list();
    }

    Optional<Stored> find(UUID tenantId, BrowsableEntity entity, UUID id) {
        // A field's provenance is its own entry when it has one, else the row's default (V7): the
        // session that first wrote the row. Rows written before V7 have an entry for every field.
        return jdbc.sql("""
                        select id, status, date_last_modified, created_at, record::text as record,
                               (select coalesce(jsonb_object_agg(field, coalesce(r.provenance -> field, jsonb_build_object(
                                           'integration', r.provenance_integration_id, 'session', r.provenance_session_id,
                                           'at', r.provenance_at, 'policy', 'source-wins'))), '{}'::jsonb)
                                from (select jsonb_object_keys(r.record) as field
                                      union select jsonb_object_keys(r.provenance)) fields
                                where r.provenance -> field is not null or r.provenance_integration_id is not null)::text as provenance
                        from %s r where tenant_id = :tenant and id = :id""".formatted(entity.table().table()))
                .param("tenant", tenantId)
                .param("id", id)
                .query((rs, row) -> new Stored(
                        rs.getObject("id", UUID.class),
                        rs.getString("status"),
                        rs.getTimestamp("date_last_modified").toInstant(),
                        rs.getTimestamp("created_at").toInstant(),
                        json.readTree(rs.getString("record")),
                        json.readTree(rs.getString("provenance"))))
                .optional();
    }

    /** The record's mappings, current ones first, then the closed ones newest first. */
    List<Mapping> mappings(UUID tenantId, BrowsableEntity entity, UUID id) {
        return jdbc.sql("""
                        select m.integration_id, i.name, m.external_id, m.matched_by, m.valid_from, m.valid_to
                        from id_mapping m left join integration i on i.id = m.integration_id
                        where m.tenant_id = :tenant and m.entity_type = :type and m.local_id = :id
                        order by m.valid_to is null desc, m.valid_from desc, m.id desc""")
                .param("tenant", tenantId)
                .param("type", entity.table().wireName())
                .param("id", id)
                .query((rs, row) -> new Mapping(
                        rs.getObject("integration_id", UUID.class),
                        rs.getString("name"),
                        rs.getString("external_id"),
                        rs.getString("matched_by"),
                        rs.getTimestamp("valid_from").toInstant(),
                        instant(rs.getTimestamp("valid_to")),
                        rs.getTimestamp("valid_to") == null))
                .list();
    }

    /** The record's journal entries, newest first, before {@code beforeSeq} when given. */
    List<Change> history(UUID tenantId, BrowsableEntity entity, UUID id, @Nullable Long beforeSeq, int limit) {
        return jdbc.sql("""
                        select seq, operation, changed_fields, session_id, cause, occurred_at from change_journal
                        where tenant_id = :tenant and entity_type = :type and record_id = :id
                          and (cast(:before as bigint) is null or seq < :before)
                        order by seq desc limit :limit""")
                .param("tenant", tenantId)
                .param("type", entity.table().wireName())
                .param("id", id)
                .param("before", beforeSeq)
                .param("limit", limit)
                .query(RosterRecords::change)
                .list();
    }

    private static Change change(ResultSet rs, int row) throws SQLException {
        return new Change(
                rs.getLong("seq"),
                rs.getString("operation"),
                List.of((String[]) rs.getArray("changed_fields").getArray()),
                rs.getObject("session_id", UUID.class),
                rs.getString("cause"),
                rs.getTimestamp("occurred_at").toInstant());
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The text with LIKE's wildcards and escape character taken literally. */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
