package dev.rollcall.server.webhooks;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes the inbox asynchronously: claims due events in arrival order with a lease, processes them one
 * by one (so events for one record apply in the order they came), and records the outcome. A failure
 * is retried with exponential backoff (1 s, 2 s, 4 s … capped at 5 minutes); after {@code
 * maxAttempts} or on a poison event it is marked {@code dead} and written to dead letters with its
 * context. Woken at once by the ingress; otherwise it looks every second. With {@code
 * rollcall.webhooks.processing.enabled=false} this instance only accepts events (others process them).
 */
@Component
class WebhookWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookWorkers.class);
    private static final int BATCH = 500;
    private static final Duration GATHER = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final WebhookInbox inbox;
    private final WebhookEventProcessor processor;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration lease;
    private final boolean enabled;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private volatile Thread worker;

    WebhookWorkers(
            WebhookInbox inbox,
            WebhookEventProcessor processor,
            JdbcClient jdbc,
            JsonMapper json,
            MeterRegistry meters,
            Clock clock,
            @Value("${rollcall.webhooks.max-attempts:10}") int maxAttempts,
            @Value("${rollcall.webhooks.lease:60s}") Duration lease,
            @Value("${rollcall.webhooks.processing.enabled:true}") boolean enabled) {
        this.inbox = inbox;
        this.processor = processor;
        this.jdbc = jdbc;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.lease = lease;
        this.enabled = enabled;
    }

    void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (!enabled) {
            log.warn("webhook processing is off (rollcall.webhooks.processing.enabled=false): events are"
                    + " accepted into the inbox and wait there");
            return;
        }
        if (running && worker == null) {
            worker = Thread.ofVirtual().name("webhook-worker").start(this::loop);
        }
    }

    private void loop() {
        while (running) {
            try {
                int done = drainOnce(BATCH);
                if (done == 0) {
                    wake.tryAcquire(1, TimeUnit.SECONDS);
                } else if (done < BATCH) {
                    // Events are arriving: let a bigger batch gather before the next engine run. One run per
                    // batch costs about the same for 10 events as for 500, and the time the ingress needs
                    // to answer quickly is the CPU the worker would otherwise spend on tiny runs.
                    Thread.sleep(GATHER);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("webhook worker: {}", e.toString(), e);
                try {
                    wake.tryAcquire(2, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Claims and processes one batch; how many events it processed. */
    int drainOnce(int batch) {
        Instant now = clock.instant();
        List<WebhookInbox.Event> events = inbox.claim(batch, now, now.plus(lease));
        // consecutive events of one integration go to the engine together, in arrival order
        int from = 0;
        while (from < events.size()) {
            int to = from + 1;
            while (to < events.size()
                    && events.get(to).integrationId().equals(events.get(from).integrationId())) {
                to++;
            }
            process(events.subList(from, to));
            from = to;
        }
        return events.size();
    }

    private void process(List<WebhookInbox.Event> events) {
        MDC.put(
                "webhookEvents",
                events.getFirst().id() + ".." + events.getLast().id());
        LeaseKeeper keeper =
                new LeaseKeeper(events.stream().map(WebhookInbox.Event::id).toList());
        try {
            Map<Long, WebhookEventProcessor.Result> results = processor.processBatch(events);
            keeper.close();
            Map<Long, String> finished = new LinkedHashMap<>();
            for (WebhookInbox.Event event : events) {
                switch (results.get(event.id())) {
                    case WebhookEventProcessor.Done done -> {
                        String outcome =
                                done.outcome() == WebhookEventProcessor.Outcome.APPLIED ? "applied" : "ignored";
                        finished.put(event.id(), outcome);
                        meters.counter("rollcall.webhooks.processed", "outcome", outcome)
                                .increment();
                    }
                    case WebhookEventProcessor.Poison poison -> deadLetter(event, poison.reason());
                    case WebhookEventProcessor.Failed failed -> retry(event, failed.reason());
                    case null -> retry(event, "not processed");
                }
            }
            inbox.finishAll(finished, clock.instant());
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            events.forEach(event -> retry(event, message));
        } finally {
            keeper.close();
            MDC.remove("webhookEvents");
        }
    }

    /**
     * Renews the lease of a batch every third of the lease while the engine works on it, so a batch
     * that takes longer than the lease is not taken by another worker, and a short lease still lets
     * a crashed worker's events be taken again soon after the crash.
     */
    private final class LeaseKeeper {
        private final Semaphore done = new Semaphore(0);
        private final Thread thread;

        LeaseKeeper(List<Long> ids) {
            thread = Thread.ofVirtual().name("webhook-lease").start(() -> {
                try {
                    while (!done.tryAcquire(lease.toMillis() / 3, TimeUnit.MILLISECONDS)) {
                        inbox.extendLease(ids, clock.instant().plus(lease));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.warn("could not extend the lease of webhook events {}: {}", ids, e.toString());
                }
            });
        }

        void close() {
            if (done.availablePermits() == 0 && thread.isAlive()) {
                done.release();
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void retry(WebhookInbox.Event event, String message) {
        if (event.attempts() >= maxAttempts) {
            deadLetter(event, "gave up after " + event.attempts() + " attempts: " + message);
            return;
        }
        Duration backoff = backoff(event.attempts());
        inbox.retryLater(event.id(), message, clock.instant().plus(backoff));
        meters.counter("rollcall.webhooks.processed", "outcome", "retry").increment();
        log.warn(
                "webhook event {} failed (attempt {}), retrying in {}: {}",
                event.id(),
                event.attempts(),
                backoff,
                message);
    }

    static Duration backoff(int attempts) {
        Duration delay = Duration.ofSeconds(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private void deadLetter(WebhookInbox.Event event, String message) {
        inbox.finish(event.id(), "dead", message, clock.instant());
        jdbc.sql("""
                        insert into dead_letter (id, tenant_id, integration_id, source, stage, external_id, error_kind,
                                                 error_message, payload, attempts)
                        values (:id, :tenant, :integration, 'webhook', 'webhook-processing', :eventKey, 'data',
                                :message, cast(:payload as jsonb), :attempts)
                        """)
                .param("id", java.util.UUID.randomUUID())
                .param("tenant", event.tenantId())
                .param("integration", event.integrationId())
                .param("eventKey", event.eventKey())
                .param("message", message)
                .param(
                        "payload",
                        json.writeValueAsString(java.util.Map.of(
                                "webhookEventId", event.id(),
                                "endpointId", event.endpointId().toString(),
                                "eventKey", event.eventKey(),
                                "body", new String(event.body(), java.nio.charset.StandardCharsets.UTF_8))))
                .param("attempts", event.attempts())
                .update();
        meters.counter("rollcall.webhooks.processed", "outcome", "dead").increment();
        log.warn("webhook event {} dead-lettered: {}", event.id(), message);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        Thread current = worker;
        if (current != null) {
            current.interrupt();
        }
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
