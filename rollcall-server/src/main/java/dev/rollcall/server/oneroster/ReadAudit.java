package dev.rollcall.server.oneroster;

import dev.rollcall.server.web.RequestIdFilter;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit of reads of student records (OneRoster API, change feed, point-in-time reads): one
 * {@code audit_log} row per request (who, which client, which endpoint and query, how many records),
 * not per record. Rows are queued and written by a background thread in JDBC batches, at most
 * {@link #FLUSH_INTERVAL_MILLIS} late, so auditing does not add a database round trip to every read.
 * Nothing is dropped: when the queue is full the caller writes its row itself; {@link #stop()}
 * drains the queue before the server shuts down. {@link #flush()} writes what is queued now (tests,
 * shutdown). Thread-safe.
 */
@Component
public class ReadAudit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadAudit.class);
    static final long FLUSH_INTERVAL_MILLIS = 250;
    private static final int BATCH = 500;

    private record Row(
            UUID tenantId,
            Instant at,
            String actor,
            String action,
            String targetType,
            @Nullable String targetId,
            String details,
            @Nullable String requestId) {}

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final BlockingQueue<Row> queue = new ArrayBlockingQueue<>(10_000);
    private final Object writing = new Object();
    private final AtomicLong recorded = new AtomicLong(); // rows handed to record()
    private long written; // rows committed; guarded by writing
    private volatile boolean running;
    private @Nullable Thread writer;

    public ReadAudit(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records one read.
     *
     * @param action e.g. {@code roster.read}
     * @param targetType what was read, e.g. {@code users}
     * @param targetId the record, when one was read by id
     * @param details the endpoint, the query and the number of records, as JSON
     */
    public void record(
            UUID tenantId,
            String actor,
            String action,
            String targetType,
            @Nullable String targetId,
            Map<String, ?> details) {
        Row row = new Row(
                tenantId,
                clock.instant(),
                actor,
                action,
                targetType,
                targetId,
                json.writeValueAsString(details),
                MDC.get(RequestIdFilter.MDC_KEY));
        recorded.incrementAndGet();
        if (!running || !queue.offer(row)) {
            write(List.of(row));
        }
    }

    /**
     * Writes every row recorded before this call: what is queued now, and waits (up to 10 s) for the
     * batch the background writer may have taken from the queue but not yet committed.
     */
    public void flush() {
        long target = recorded.get();
        List<Row> rows = new ArrayList<>();
        while (queue.drainTo(rows, BATCH) > 0) {
            write(rows);
            rows.clear();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (writing) {
            while (written < target && System.nanoTime() < deadline) {
                try {
                    writing.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void write(List<Row> rows) {
        synchronized (writing) {
            jdbc.batchUpdate("""
                    insert into audit_log (tenant_id, occurred_at, actor, action, target_type, target_id, after, request_id)
                    values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)
                    """, rows, rows.size(), (statement, row) -> {
                statement.setObject(1, row.tenantId());
                statement.setTimestamp(2, Timestamp.from(row.at()));
                statement.setString(3, row.actor());
                statement.setString(4, row.action());
                statement.setString(5, row.targetType());
                statement.setString(6, row.targetId());
                statement.setString(7, row.details());
                statement.setString(8, row.requestId());
            });
            written += rows.size();
            writing.notifyAll();
        }
    }

    private void loop() {
        List<Row> rows = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Row first = queue.poll(FLUSH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                rows.add(first);
                queue.drainTo(rows, BATCH - 1);
                write(rows);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Kept for the next round rather than lost; the database may be back by then.
                log.error("could not write {} read-audit rows; retrying: {}", rows.size(), e.toString());
                rows.forEach(queue::offer);
                sleepQuietly();
            }
            rows.clear();
        }
    }

    private static void sleepQuietly() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        writer = Thread.ofVirtual().name("read-audit").start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread current = writer;
        if (current != null) {
            try {
                current.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writer = null;
        flush();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stops after the web server (which stops at a higher phase) has finished its requests.
        return Integer.MIN_VALUE + 1000;
    }
}
