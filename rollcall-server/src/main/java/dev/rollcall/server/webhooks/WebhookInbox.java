package dev.rollcall.server.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable inbox, {@code webhook_event}. An accepted event is one committed row (written by
 * {@link InboxWriter}); the unique {@code (endpoint_id, event_key)} is the replay receipt. Workers claim due rows with {@code FOR
 * UPDATE SKIP LOCKED} and a lease, so several instances share the work and a crashed worker's events
 * are taken again when the lease ends.
 */
@Repository
class WebhookInbox {

    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {};

    /** One event as stored. */
    record Event(
            long id,
            UUID endpointId,
            UUID tenantId,
            UUID integrationId,
            String eventKey,
            String url,
            Map<String, List<String>> headers,
            byte[] body,
            @Nullable Instant sentAt,
            Instant receivedAt,
            String status,
            int attempts,
            @Nullable String lastError,
            @Nullable Instant processedAt) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    WebhookInbox(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Claims up to {@code limit} due events, oldest first, leased until {@code leaseUntil}. */
    List<Event> claim(int limit, Instant now, Instant leaseUntil) {
        return jdbc
                .sql("""
                        update webhook_event e set status = 'processing', attempts = e.attempts + 1, locked_until = :lease
                        from (select id from webhook_event
                              where status in ('pending', 'failed', 'processing')
                                and ((status <> 'processing' and next_attempt_at <= :now)
                                     or (status = 'processing' and locked_until < :now))
                              order by id
                              limit :limit
                              for update skip locked) due
                        where e.id = due.id
                        returning e.id, e.endpoint_id, e.tenant_id, e.integration_id, e.event_key, e.url, e.headers::text,
                                  e.body, e.sent_at, e.received_at, e.status, e.attempts, e.last_error, e.processed_at
                        """)
                .param("lease", java.sql.Timestamp.from(leaseUntil))
                .param("now", java.sql.Timestamp.from(now))
                .param("limit", limit)
                .query(this::event)
                .list()
                .stream()
                .sorted(java.util.Comparator.comparingLong(Event::id))
                .toList();
    }

    void finish(long id, String status, @Nullable String error, Instant now) {
        jdbc.sql("""
                        update webhook_event set status = :status, last_error = :error, processed_at = :now, locked_until = null
                        where id = :id
                        """)
                .param("status", status)
                .param("error", error)
                .param("now", java.sql.Timestamp.from(now))
                .param("id", id)
                .update();
    }

    /** Marks many events finished with no error in one statement: id → status. */
    void finishAll(Map<Long, String> statusById, Instant now) {
        if (statusById.isEmpty()) {
            return;
        }
        Long[] ids = statusById.keySet().toArray(Long[]::new);
        String[] statuses = statusById.values().toArray(String[]::new);
        jdbc.sql("""
                        update webhook_event e set status = done.status, last_error = null, processed_at = :now,
                                                   locked_until = null
                        from unnest(cast(:ids as bigint[]), cast(:statuses as text[])) as done (id, status)
                        where e.id = done.id
                        """)
                .param("ids", ids)
                .param("statuses", statuses)
                .param("now", java.sql.Timestamp.from(now))
                .update();
    }

    /** Extends the lease of events still being processed, so no other worker takes them meanwhile. */
    void extendLease(List<Long> ids, Instant leaseUntil) {
        jdbc.sql("""
                        update webhook_event set locked_until = :lease
                        where id = any(cast(:ids as bigint[])) and status = 'processing'
                        """)
                .param("lease", java.sql.Timestamp.from(leaseUntil))
                .param("ids", ids.toArray(Long[]::new))
                .update();
    }

    void retryLater(long id, String error, Instant at) {
        jdbc.sql("""
                        update webhook_event set status = 'failed', last_error = :error, next_attempt_at = :at, locked_until = null
                        where id = :id
                        """)
                .param("error", error)
                .param("at", java.sql.Timestamp.from(at))
                .param("id", id)
                .update();
    }

    List<Event> list(UUID tenantId, UUID endpointId, @Nullable String status, @Nullable Long before, int limit) {
        return jdbc.sql("""
                        select id, endpoint_id, tenant_id, integration_id, event_key, url, headers::text, body, sent_at,
                               received_at, status, attempts, last_error, processed_at
                        from webhook_event
                        where tenant_id = :tenant and endpoint_id = :endpoint
                          and (cast(:status as text) is null or status = :status)
                          and (cast(:before as bigint) is null or id < :before)
                        order by id desc
                        limit :limit
                        """)
                .param("tenant", tenantId)
                .param("endpoint", endpointId)
                .param("status", status)
                .param("before", before)
                .param("limit", limit)
                .query(this::event)
                .list();
    }

    /** Puts events back in the queue; the count replayed. */
    int replay(UUID tenantId, UUID endpointId, long fromId, long toId, Instant now) {
        return jdbc.sql("""
                        update webhook_event set status = 'pending', next_attempt_at = :now, attempts = 0, last_error = null,
                                                 processed_at = null, locked_until = null
                        where tenant_id = :tenant and endpoint_id = :endpoint and id between :from and :to
                          and status <> 'processing'
                        """)
                .param("now", java.sql.Timestamp.from(now))
                .param("tenant", tenantId)
                .param("endpoint", endpointId)
                .param("from", fromId)
                .param("to", toId)
                .update();
    }

    private Event event(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        java.sql.Timestamp sentAt = rs.getTimestamp(9);
        java.sql.Timestamp processedAt = rs.getTimestamp(14);
        return new Event(
                rs.getLong(1),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class),
                rs.getString(5),
                rs.getString(6),
                json.readValue(rs.getString(7), HEADERS),
                rs.getBytes(8),
                sentAt == null ? null : sentAt.toInstant(),
                rs.getTimestamp(10).toInstant(),
                rs.getString(11),
                rs.getInt(12),
                rs.getString(13),
                processedAt == null ? null : processedAt.toInstant());
    }
}
