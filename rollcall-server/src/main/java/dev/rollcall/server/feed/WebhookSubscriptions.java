package dev.rollcall.server.feed;

import dev.rollcall.server.secrets.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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

/**
 * Outbound webhook subscriptions ({@code webhook_subscription}) and their delivery attempts ({@code
 * webhook_delivery}). The signing secret is stored encrypted with the master key, bound to its row;
 * it is decrypted only to sign. Claiming a subscription for delivery takes a lease ({@code
 * leased_until}); every cursor move checks the lease, so two instances never deliver for one
 * subscription at once.
 */
@Repository
public class WebhookSubscriptions {

    /** A subscription as the API shows it (never with its secret). */
    public record Subscription(
            UUID id,
            String url,
            List<String> eventTypes,
            List<String> entityTypes,
            String state,
            String cursor,
            int consecutiveFailures,
            Instant nextAttemptAt,
            @Nullable Instant disabledAt,
            @Nullable String disabledReason,
            String createdBy,
            Instant createdAt) {}

    /** A subscription claimed for delivery, with its secret. */
    record Claimed(
            UUID id,
            UUID tenantId,
            String url,
            List<String> eventTypes,
            List<String> entityTypes,
            String secret,
            long cursor,
            int consecutiveFailures,
            Instant lease) {}

    /** One delivery attempt as the API shows it. */
    public record Delivery(
            long id,
            String messageId,
            String cursor,
            String eventType,
            int attempt,
            Instant attemptedAt,
            int durationMillis,
            @Nullable Integer statusCode,
            boolean succeeded,
            @Nullable String error) {}

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    public WebhookSubscriptions(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public Subscription create(
            UUID tenantId,
            String url,
            List<String> eventTypes,
            List<String> entityTypes,
            String secret,
            long cursor,
            String createdBy,
            Instant now) {
        UUID id = UUID.randomUUID();
        SecretCipher.Sealed sealed =
                cipher.encrypt(secret.getBytes(StandardCharsets.UTF_8), associatedData(tenantId, id));
        jdbc.sql("""
                        insert into webhook_subscription (id, tenant_id, url, event_types, entity_types, secret_ciphertext,
                            secret_key_id, cursor, state, next_attempt_at, created_by, created_at, updated_at)
                        values (:id, :tenant, :url, cast(:events as text[]), cast(:entities as text[]), :ciphertext,
                            :keyId, :cursor, 'active', :now, :createdBy, :now, :now)
                        """)
                .param("id", id)
                .param("tenant", tenantId)
                .param("url", url)
                .param("events", ChangeJournal.pgArray(eventTypes))
                .param("entities", ChangeJournal.pgArray(entityTypes))
                .param("ciphertext", sealed.ciphertext())
                .param("keyId", sealed.keyId())
                .param("cursor", cursor)
                .param("now", Timestamp.from(now))
                .param("createdBy", createdBy)
                .update();
        return get(tenantId, id).orElseThrow();
    }

    public List<Subscription> list(UUID tenantId) {
        return jdbc.sql(SELECT + " where tenant_id = :tenant order by created_at, id")
                .param("tenant", tenantId)
                .query((rs, row) -> subscription(rs))
                .list();
    }

    public Optional<Subscription> get(UUID tenantId, UUID id) {
        return jdbc.sql(SELECT + " where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId)
                .param("id", id)
                .query((rs, row) -> subscription(rs))
                .optional();
    }

    public boolean delete(UUID tenantId, UUID id) {
        jdbc.sql("delete from webhook_delivery where tenant_id = :tenant and subscription_id = :id")
                .param("tenant", tenantId)
                .param("id", id)
                .update();
        return jdbc.sql("delete from webhook_subscription where tenant_id = :tenant and id = :id")
                        .param("tenant", tenantId)
                        .param("id", id)
                        .update()
                > 0;
    }

    /**
     * Moves the cursor (replay or skip), re-enables the subscription and makes it due now; an
     * in-flight delivery loses its lease, so it cannot move the cursor afterwards.
     */
    public boolean reset(UUID tenantId, UUID id, long cursor, Instant now) {
        return jdbc.sql("""
                                update webhook_subscription set cursor = :cursor, state = 'active',
                                    consecutive_failures = 0, next_attempt_at = :now, leased_until = null,
                                    disabled_at = null, disabled_reason = null, updated_at = :now
                                where tenant_id = :tenant and id = :id
                                """)
                        .param("cursor", cursor)
                        .param("now", Timestamp.from(now))
                        .param("tenant", tenantId)
                        .param("id", id)
                        .update()
                > 0;
    }

    /** Re-enables a disabled subscription where it stopped. */
    public boolean enable(UUID tenantId, UUID id, Instant now) {
        return jdbc.sql("""
                                update webhook_subscription set state = 'active', consecutive_failures = 0,
                                    next_attempt_at = :now, disabled_at = null, disabled_reason = null, updated_at = :now
                                where tenant_id = :tenant and id = :id
                                """)
                        .param("now", Timestamp.from(now))
                        .param("tenant", tenantId)
                        .param("id", id)
                        .update()
                > 0;
    }

    public List<Delivery> deliveries(UUID tenantId, UUID id, int limit) {
        return jdbc.sql("""
                        select id, message_id, seq, event_type, attempt, attempted_at, duration_ms, status_code,
                               succeeded, error
                        from webhook_delivery where tenant_id = :tenant and subscription_id = :id
                        order by id desc limit :limit
                        """)
                .param("tenant", tenantId)
                .param("id", id)
                .param("limit", limit)
                .query((rs, row) -> new Delivery(
                        rs.getLong("id"),
                        rs.getString("message_id"),
                        Long.toString(rs.getLong("seq")),
                        rs.getString("event_type"),
                        rs.getInt("attempt"),
                        rs.getTimestamp("attempted_at").toInstant(),
                        rs.getInt("duration_ms"),
                        (Integer) rs.getObject("status_code"),
                        rs.getBoolean("succeeded"),
                        rs.getString("error")))
                .list();
    }

    // --- delivery ----------------------------------------------------------------------------------

    /** Claims up to {@code max} due active subscriptions with a lease until {@code lease}. */
    List<Claimed> claimDue(Instant now, Instant lease, int max) {
        return jdbc.sql("""
                        update webhook_subscription s set leased_until = :lease
                        where s.id in (select id from webhook_subscription
                                       where state = 'active' and next_attempt_at <= :now
                                         and (leased_until is null or leased_until < :now)
                                       order by next_attempt_at limit :max for update skip locked)
                        returning s.id, s.tenant_id, s.url, s.event_types, s.entity_types, s.secret_ciphertext,
                                  s.cursor, s.consecutive_failures
                        """)
                .param("lease", Timestamp.from(lease))
                .param("now", Timestamp.from(now))
                .param("max", max)
                .query((rs, row) -> claimed(rs, lease))
                .list();
    }

    /** Records an attempt. */
    void recordAttempt(
            Claimed subscription,
            String messageId,
            long seq,
            String eventType,
            int attempt,
            Instant at,
            int durationMillis,
            @Nullable Integer statusCode,
            boolean succeeded,
            @Nullable String error) {
        jdbc.sql("""
                        insert into webhook_delivery (tenant_id, subscription_id, message_id, seq, event_type, attempt,
                            attempted_at, duration_ms, status_code, succeeded, error)
                        values (:tenant, :id, :message, :seq, :type, :attempt, :at, :duration, :status, :ok, :error)
                        """)
                .param("tenant", subscription.tenantId())
                .param("id", subscription.id())
                .param("message", messageId)
                .param("seq", seq)
                .param("type", eventType)
                .param("attempt", attempt)
                .param("at", Timestamp.from(at))
                .param("duration", durationMillis)
                .param("status", statusCode)
                .param("ok", succeeded)
                .param("error", error)
                .update();
    }

    /** Moves the cursor forward after a delivered (or filtered-out) event; false when the lease was lost. */
    boolean advance(Claimed subscription, long cursor, Instant now) {
        return jdbc.sql("""
                                update webhook_subscription set cursor = greatest(cursor, :cursor), consecutive_failures = 0,
                                    updated_at = :now
                                where id = :id and leased_until = :lease
                                """)
                        .param("cursor", cursor)
                        .param("now", Timestamp.from(now))
                        .param("id", subscription.id())
                        .param("lease", Timestamp.from(subscription.lease()))
                        .update()
                > 0;
    }

    /** Records a failure: the next attempt waits until {@code retryAt}. */
    void failed(Claimed subscription, int failures, Instant retryAt, Instant now) {
        jdbc.sql("""
                        update webhook_subscription set consecutive_failures = :failures, next_attempt_at = :retry,
                            leased_until = null, updated_at = :now
                        where id = :id and leased_until = :lease
                        """)
                .param("failures", failures)
                .param("retry", Timestamp.from(retryAt))
                .param("now", Timestamp.from(now))
                .param("id", subscription.id())
                .param("lease", Timestamp.from(subscription.lease()))
                .update();
    }

    /** Disables the subscription; false when the lease was lost (someone else decided meanwhile). */
    boolean disable(Claimed subscription, int failures, String reason, Instant now) {
        return jdbc.sql("""
                                update webhook_subscription set state = 'disabled', consecutive_failures = :failures,
                                    disabled_at = :now, disabled_reason = :reason, leased_until = null, updated_at = :now
                                where id = :id and leased_until = :lease
                                """)
                        .param("failures", failures)
                        .param("reason", reason)
                        .param("now", Timestamp.from(now))
                        .param("id", subscription.id())
                        .param("lease", Timestamp.from(subscription.lease()))
                        .update()
                > 0;
    }

    /** Gives the lease back; the subscription is due again at {@code nextAttempt}. */
    void release(Claimed subscription, Instant nextAttempt) {
        jdbc.sql("""
                        update webhook_subscription set leased_until = null, next_attempt_at = :next
                        where id = :id and leased_until = :lease
                        """)
                .param("next", Timestamp.from(nextAttempt))
                .param("id", subscription.id())
                .param("lease", Timestamp.from(subscription.lease()))
                .update();
    }

    private static final String SELECT = """
            select id, url, event_types, entity_types, state, cursor, consecutive_failures, next_attempt_at,
                   disabled_at, disabled_reason, created_by, created_at
            from webhook_subscription""";

    private static Subscription subscription(ResultSet rs) throws SQLException {
        Timestamp disabledAt = rs.getTimestamp("disabled_at");
        return new Subscription(
                rs.getObject("id", UUID.class),
                rs.getString("url"),
                List.of((String[]) rs.getArray("event_types").getArray()),
                List.of((String[]) rs.getArray("entity_types").getArray()),
                rs.getString("state"),
                Long.toString(rs.getLong("cursor")),
                rs.getInt("consecutive_failures"),
                rs.getTimestamp("next_attempt_at").toInstant(),
                disabledAt == null ? null : disabledAt.toInstant(),
                rs.getString("disabled_reason"),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }

    private Claimed claimed(ResultSet rs, Instant lease) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID tenant = rs.getObject("tenant_id", UUID.class);
        String secret;
        try {
            secret = new String(
                    cipher.decrypt(rs.getBytes("secret_ciphertext"), associatedData(tenant, id)),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "the signing secret of webhook subscription " + id + " does not decrypt with the master keyset", e);
        }
        return new Claimed(
                id,
                tenant,
                rs.getString("url"),
                List.of((String[]) rs.getArray("event_types").getArray()),
                List.of((String[]) rs.getArray("entity_types").getArray()),
                secret,
                rs.getLong("cursor"),
                rs.getInt("consecutive_failures"),
                lease);
    }

    private static byte[] associatedData(UUID tenantId, UUID id) {
        return ("webhook_subscription:" + tenantId + ":" + id).getBytes(StandardCharsets.UTF_8);
    }
}
