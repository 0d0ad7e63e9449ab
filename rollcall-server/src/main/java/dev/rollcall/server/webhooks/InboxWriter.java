package dev.rollcall.server.webhooks;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Commits accepted events to the inbox in groups. A request hands its event over and waits; a writer
 * takes every event waiting (up to {@value #MAX_GROUP}), inserts them in one JDBC batch and commits
 * once, then answers each request: new, or a duplicate of an event already in the inbox (including
 * one earlier in the same group). So the answer still comes only after the event's row is committed,
 * but one commit (one WAL flush) serves many requests, and the ingress needs two database
 * connections however many senders there are.
 *
 * <p>A group that fails is retried one event per transaction, so one bad row fails only its own
 * request. When the queue is full the request is refused at once ({@link Busy}); when no writer
 * answers within {@code rollcall.webhooks.commit-timeout} it is refused too — the event may still
 * be committed later, and then the sender's retry is answered as a duplicate. On shutdown the
 * writers stop taking new events and commit what is queued; a killed process answers nothing it
 * has not committed.
 */
@Component
class InboxWriter implements SmartLifecycle {

    /** The inbox cannot take the event now; the sender should retry. */
    static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message);
        }
    }

    static final int MAX_GROUP = 512;
    private static final Logger log = LoggerFactory.getLogger(InboxWriter.class);
    private static final String INSERT = """
            insert into webhook_event (endpoint_id, tenant_id, integration_id, event_key, url, headers, body,
                                       sent_at, received_at, next_attempt_at)
            values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?)
            on conflict (endpoint_id, event_key) do nothing
            """;

    private record Pending(
            WebhookEndpointStore.Row endpoint,
            String eventKey,
            String url,
            String headers,
            byte[] body,
            @Nullable Instant sentAt,
            Instant receivedAt,
            CompletableFuture<Boolean> inserted) {}

    private final DataSource dataSource;
    private final JsonMapper json;
    private final BlockingQueue<Pending> queue;
    private final int writers;
    private final Duration commitTimeout;
    private final DistributionSummary groupSizes;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    InboxWriter(
            DataSource dataSource,
            JsonMapper json,
            MeterRegistry meters,
            @Value("${rollcall.webhooks.inbox-writers:2}") int writers,
            @Value("${rollcall.webhooks.inbox-queue:8192}") int queueCapacity,
            @Value("${rollcall.webhooks.commit-timeout:10s}") Duration commitTimeout) {
        this.dataSource = dataSource;
        this.json = json;
        this.writers = writers;
        this.commitTimeout = commitTimeout;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.groupSizes = DistributionSummary.builder("rollcall.webhooks.inbox.group")
                .description("events committed together in one inbox transaction")
                .register(meters);
    }

    /**
     * Commits the event unless its key is already in the inbox; true when it is new. Blocks until
     * the commit.
     *
     * @throws Busy when the queue is full, no writer answered in time, or the database failed
     */
    boolean accept(
            WebhookEndpointStore.Row endpoint,
            String eventKey,
            String url,
            Map<String, List<String>> headers,
            byte[] body,
            @Nullable Instant sentAt,
            Instant now)
            throws InterruptedException {
        if (!running) {
            throw new Busy("the inbox is not accepting events (Rollcall is starting or stopping)");
        }
        Pending pending = new Pending(
                endpoint,
                eventKey,
                url,
                json.writeValueAsString(headers),
                body,
                sentAt,
                now,
                new CompletableFuture<>());
        if (!queue.offer(pending)) {
            throw new Busy("the inbox queue is full");
        }
        try {
            return pending.inserted().get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Busy("the inbox did not commit the event within " + commitTimeout);
        } catch (ExecutionException e) {
            throw new Busy(
                    "the inbox could not store the event: " + e.getCause().getMessage());
        }
    }

    private void loop() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("inbox writer: {}", e.toString(), e);
                group.forEach(pending -> pending.inserted().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Pending> group) {
        groupSizes.record(group.size());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int[] counts = insert(connection, group);
                connection.commit();
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).inserted().complete(counts[i] > 0);
                }
                return;
            } catch (SQLException e) {
                connection.rollback();
                log.warn("inbox group of {} failed, retrying one by one: {}", group.size(), e.getMessage());
            }
            for (Pending pending : group) {
                try {
                    int[] counts = insert(connection, List.of(pending));
                    connection.commit();
                    pending.inserted().complete(counts[0] > 0);
                } catch (SQLException e) {
                    connection.rollback();
                    pending.inserted().completeExceptionally(e);
                }
            }
        } catch (SQLException e) {
            group.forEach(pending -> pending.inserted().completeExceptionally(e));
        }
    }

    private static int[] insert(Connection connection, List<Pending> group) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Pending event : group) {
                Timestamp received = Timestamp.from(event.receivedAt());
                insert.setObject(1, event.endpoint().id());
                insert.setObject(2, event.endpoint().tenantId());
                insert.setObject(3, event.endpoint().integrationId());
                insert.setString(4, event.eventKey());
                insert.setString(5, event.url());
                insert.setString(6, event.headers());
                insert.setBytes(7, event.body());
                insert.setTimestamp(8, event.sentAt() == null ? null : Timestamp.from(event.sentAt()));
                insert.setTimestamp(9, received);
                insert.setTimestamp(10, received);
                insert.addBatch();
            }
            return insert.executeBatch();
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < writers; i++) {
            threads.add(
                    Thread.ofPlatform().name("inbox-writer-" + i).daemon(true).start(this::loop));
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(commitTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Starts before the web server and stops after it (lifecycles stop in descending phase; the web
     * server's are {@code DEFAULT_PHASE - 1024} and {@code - 2048}), so requests still being answered
     * during a graceful shutdown get their commit.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
