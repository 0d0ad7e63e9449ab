package dev.rollcall.server.feed;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compacts journal entries older than {@code rollcall.feed.retention} (nothing, by default: the
 * journal is kept forever). Per tenant, up to the newest entry older than the cutoff (but never past
 * the cursor of an active webhook subscription, so a subscription that is behind keeps its events),
 * it deletes every entry that a later entry of the same record supersedes, and a record's last entry
 * when that is a delete. What stays is the latest state of every live record, so point-in-time reads
 * at or after the cutoff and a feed read from the start stay complete; a cursor inside the compacted
 * range gets a 410 (it may have missed entries), through the horizon recorded here.
 *
 * <p>Runs hourly (first a minute after start) on a virtual thread of its own, on every instance; the
 * work is idempotent. Deleting allocates no seq, so it needs no journal lock.
 */
@Component
public class JournalRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JournalRetention.class);
    private static final Duration FIRST_RUN = Duration.ofMinutes(1);
    private static final Duration INTERVAL = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final FeedProperties properties;
    private final Clock clock;
    private volatile @Nullable Thread runner;

    public JournalRetention(JdbcClient jdbc, TransactionTemplate transactions, FeedProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Compacts the tenant's entries that occurred before {@code cutoff}, as described above.
     *
     * @return how many entries were deleted
     */
    public int purge(UUID tenantId, Instant cutoff) {
        Integer deleted = transactions.execute(status -> {
            Long oldest = jdbc.sql(
                            "select max(seq) from change_journal where tenant_id = :tenant and occurred_at < :cutoff")
                    .param("tenant", tenantId)
                    .param("cutoff", Timestamp.from(cutoff))
                    .query(Long.class)
                    .optional()
                    .orElse(null);
            if (oldest == null) {
                return 0;
            }
            long through = jdbc.sql(
                            "select min(cursor) from webhook_subscription where tenant_id = :tenant and state = 'active'")
                    .param("tenant", tenantId)
                    .query(Long.class)
                    .optional()
                    .map(cursor -> Math.min(cursor, oldest))
                    .orElse(oldest);
            int count = jdbc.sql("""
                            delete from change_journal j
                            where j.tenant_id = :tenant and j.seq <= :through
                              and (j.operation = 'deleted'
                                   or exists (select 1 from change_journal n
                                              where n.tenant_id = j.tenant_id and n.entity_type = j.entity_type
                                                and n.record_id = j.record_id and n.seq > j.seq and n.seq <= :through))
                            """)
                    .param("tenant", tenantId)
                    .param("through", through)
                    .update();
            jdbc.sql("""
                            insert into change_journal_horizon (tenant_id, purged_through_seq, purged_before, updated_at)
                            values (:tenant, :through, :cutoff, now())
                            on conflict (tenant_id) do update set
                                purged_through_seq = greatest(change_journal_horizon.purged_through_seq, excluded.purged_through_seq),
                                purged_before = greatest(change_journal_horizon.purged_before, excluded.purged_before),
                                updated_at = now()
                            """)
                    .param("tenant", tenantId)
                    .param("through", through)
                    .param("cutoff", Timestamp.from(cutoff))
                    .update();
            return count;
        });
        int count = deleted == null ? 0 : deleted;
        if (count > 0) {
            log.info("retention compacted {} journal entries of tenant {}", count, tenantId);
        }
        return count;
    }

    private void loop() {
        Duration wait = FIRST_RUN;
        while (runner != null) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            wait = INTERVAL;
            Duration retention = properties.retention();
            if (retention == null) {
                continue;
            }
            try {
                Instant cutoff = clock.instant().minus(retention);
                for (UUID tenant :
                        jdbc.sql("select id from tenant").query(UUID.class).list()) {
                    purge(tenant, cutoff);
                }
            } catch (RuntimeException e) {
                log.error("journal retention failed; it runs again in {}: {}", INTERVAL, e.toString(), e);
            }
        }
    }

    @Override
    public void start() {
        runner = Thread.ofVirtual().name("journal-retention").unstarted(this::loop);
        runner.start();
    }

    @Override
    public void stop() {
        Thread current = runner;
        runner = null;
        if (current != null) {
            current.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return runner != null;
    }
}
