package dev.rollcall.server.feed;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.JsonGenerator;

/**
 * Reads {@code change_journal} for the feed and the webhooks: in {@code seq} order per tenant, after
 * a cursor. Each entry's record goes out as the JSON text PostgreSQL holds, unparsed. The cursor is
 * the decimal {@code seq}; it stays valid as long as retention has not purged past it ({@link
 * #horizon}).
 */
@Repository
public class ChangeJournal {

    /** One journal entry; {@code record} is JSON text (null only for entries that carry none). */
    public record Change(
            long seq,
            String entityType,
            UUID id,
            String operation,
            List<String> changedFields,
            @Nullable String record,
            @Nullable UUID sessionId,
            String cause,
            Instant occurredAt) {

        /** The Standard Webhooks event type, e.g. {@code user.updated}. */
        public String eventType() {
            return entityType + "." + operation;
        }
    }

    /** How far retention has purged a tenant's journal. */
    public record Horizon(long purgedThroughSeq, Instant purgedBefore) {}

    /** What a streamed page held: how many entries and the cursor to continue after. */
    public record Streamed(int count, long next) {}

    private static final String COLUMNS = "seq, entity_type, record_id, operation, changed_fields,"
            + " (case when record_in_roster"
            + " then change_journal_record(tenant_id, entity_type, record_id, seq, record, true)"
            + " else record end)::text, session_id, cause,"
            + " occurred_at";

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    public ChangeJournal(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    public Optional<Horizon> horizon(UUID tenantId) {
        return jdbc.sql(
                        "select purged_through_seq, purged_before from change_journal_horizon where tenant_id = :tenant")
                .param("tenant", tenantId)
                .query((rs, row) -> new Horizon(
                        rs.getLong("purged_through_seq"),
                        rs.getTimestamp("purged_before").toInstant()))
                .optional();
    }

    /** The highest seq of the tenant's journal, 0 when it is empty. */
    public long head(UUID tenantId) {
        return jdbc.sql("select coalesce(max(seq), 0) from change_journal where tenant_id = :tenant")
                .param("tenant", tenantId)
                .query(Long.class)
                .single();
    }

    /**
     * Writes up to {@code limit} entries after {@code after} as the elements of the JSON array {@code
     * out} is in, each {@code {cursor, entityType, id, operation, changedFields, record, sessionId,
     * cause, occurredAt}}.
     */
    public Streamed stream(UUID tenantId, long after, int limit, JsonGenerator out) throws SQLException {
        int count = 0;
        long next = after;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement("select " + COLUMNS
                    + " from change_journal where tenant_id = ? and seq > ? order by seq limit ?")) {
                statement.setObject(1, tenantId);
                statement.setLong(2, after);
                statement.setInt(3, limit);
                statement.setFetchSize(2_000);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        write(change(rows), out);
                        count++;
                        next = rows.getLong(1);
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
        return new Streamed(count, next);
    }

    /**
     * Up to {@code limit} entries after {@code after} whose entity type and operation pass the
     * filters (an empty filter passes everything), and the highest seq this read looked at (in the
     * same snapshot), so a caller can move its cursor past entries the filters left out.
     */
    public Batch next(UUID tenantId, long after, int limit, List<String> entityTypes, List<String> operations) {
        return jdbc.sql("""
                        select c.*, h.head
                        from (select max(seq) as head from change_journal where tenant_id = :tenant and seq > :after) h
                        left join lateral (
                            select %s from change_journal
                            where tenant_id = :tenant and seq > :after
                              and (cardinality(cast(:entities as text[])) = 0 or entity_type = any(cast(:entities as text[])))
                              and (cardinality(cast(:operations as text[])) = 0 or operation = any(cast(:operations as text[])))
                            order by seq limit :limit) c on true
                        order by c.seq
                        """.formatted(COLUMNS))
                .param("tenant", tenantId)
                .param("after", after)
                .param("entities", pgArray(entityTypes))
                .param("operations", pgArray(operations))
                .param("limit", limit)
                .query(rs -> {
                    List<Change> changes = new ArrayList<>();
                    long head = after;
                    while (rs.next()) {
                        long seen = rs.getLong("head");
                        if (!rs.wasNull()) {
                            head = Math.max(head, seen);
                        }
                        rs.getLong(1);
                        if (!rs.wasNull()) {
                            changes.add(change(rs));
                        }
                    }
                    return new Batch(List.copyOf(changes), head);
                });
    }

    /** Entries for a webhook subscription and the highest seq looked at. */
    public record Batch(List<Change> changes, long head) {}

    static Change change(ResultSet rows) throws SQLException {
        Timestamp occurred = rows.getTimestamp(9);
        return new Change(
                rows.getLong(1),
                rows.getString(2),
                rows.getObject(3, UUID.class),
                rows.getString(4),
                strings(rows.getArray(5)),
                rows.getString(6),
                rows.getObject(7, UUID.class),
                rows.getString(8),
                occurred.toInstant());
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /** The feed item of a change. */
    public static void write(Change change, JsonGenerator out) {
        out.writeStartObject();
        out.writeStringProperty("cursor", Long.toString(change.seq()));
        out.writeStringProperty("entityType", change.entityType());
        out.writeStringProperty("id", change.id().toString());
        out.writeStringProperty("operation", change.operation());
        out.writeName("changedFields");
        out.writeStartArray();
        for (String field : change.changedFields()) {
            out.writeString(field);
        }
        out.writeEndArray();
        out.writeName("record");
        if (change.record() == null) {
            out.writeNull();
        } else {
            out.writeRawValue(change.record());
        }
        out.writeName("sessionId");
        if (change.sessionId() == null) {
            out.writeNull();
        } else {
            out.writeString(change.sessionId().toString());
        }
        out.writeStringProperty("cause", change.cause());
        out.writeStringProperty("occurredAt", change.occurredAt().toString());
        out.writeEndObject();
    }

    static String pgArray(List<String> values) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ",").append('"');
            out.append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return out.append('}').toString();
    }
}
