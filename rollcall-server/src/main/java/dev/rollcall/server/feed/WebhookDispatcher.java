package dev.rollcall.server.feed;

import dev.rollcall.server.oneroster.ReadAudit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the change journal to webhook subscriptions. A loop claims due subscriptions (with a
 * lease, so any number of instances share the work and one subscription is served by one of them
 * at a time) and runs each on a virtual thread: it reads the events after the subscription's cursor
 * that pass its filters and posts them one by one, in order, each as one Standard Webhooks message
 * ({@code webhook-id} {@code msg_<tenant>_<seq>}, stable across retries and replays so receivers can
 * dedupe; {@code webhook-timestamp}; {@code webhook-signature}). A 2xx moves the cursor past the
 * event; anything else stops the batch and retries the same event after an exponential backoff.
 * After {@code maxFailures} consecutive failures the subscription is disabled and an alert raised
 * (table {@code alert}, plus an audit entry by {@code system:webhook-dispatcher}). Every attempt is recorded in {@code webhook_delivery}.
 *
 * <p>Body: {@code {"type": "user.updated", "timestamp": …, "data": <the feed item>}}.
 */
@Component
public class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 100;
    private static final int PARALLEL = 16;
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final WebhookSubscriptions subscriptions;
    private final ChangeJournal journal;
    private final Alerts alerts;
    private final ReadAudit audit;
    private final JsonMapper json;
    private final Clock clock;
    private final FeedProperties.Webhooks settings;
    private final HttpClient http;
    private final Semaphore slots = new Semaphore(PARALLEL);
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private volatile @Nullable Thread loop;

    public WebhookDispatcher(
            WebhookSubscriptions subscriptions,
            ChangeJournal journal,
            Alerts alerts,
            ReadAudit audit,
            JsonMapper json,
            Clock clock,
            FeedProperties properties) {
        this.subscriptions = subscriptions;
        this.journal = journal;
        this.alerts = alerts;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.settings = properties.delivery();
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Looks for due subscriptions now rather than at the next poll. */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (running && loop == null) {
            loop = Thread.ofVirtual().name("webhook-dispatcher").start(this::run);
        }
    }

    private void run() {
        while (running) {
            try {
                int claimed = dispatchDue();
                if (claimed == 0) {
                    wake.tryAcquire(settings.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("webhook dispatcher: {}", e.toString(), e);
                try {
                    wake.tryAcquire(2, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Claims due subscriptions while there are free slots and serves each on its own virtual thread. */
    int dispatchDue() throws InterruptedException {
        int free = slots.availablePermits();
        if (free == 0) {
            slots.acquire();
            slots.release();
            return 1;
        }
        Instant now = clock.instant();
        Instant lease = now.plus(LEASE).truncatedTo(ChronoUnit.MICROS);
        List<WebhookSubscriptions.Claimed> claimed = subscriptions.claimDue(now, lease, free);
        for (WebhookSubscriptions.Claimed subscription : claimed) {
            slots.acquire();
            Thread.ofVirtual().name("webhook-" + subscription.id()).start(() -> {
                try {
                    serve(subscription);
                } catch (RuntimeException e) {
                    log.error("webhook subscription {}: {}", subscription.id(), e.toString(), e);
                    subscriptions.release(subscription, clock.instant().plusSeconds(5));
                } finally {
                    slots.release();
                    wake();
                }
            });
        }
        return claimed.size();
    }

    /** Delivers one batch for a claimed subscription, then gives the lease back. */
    void serve(WebhookSubscriptions.Claimed subscription) {
        ChangeJournal.Batch batch = journal.next(
                subscription.tenantId(),
                subscription.cursor(),
                BATCH,
                subscription.entityTypes(),
                subscription.eventTypes());
        int failures = subscription.consecutiveFailures();
        for (ChangeJournal.Change change : batch.changes()) {
            Attempt attempt = deliver(subscription, change, failures + 1);
            if (!attempt.succeeded()) {
                fail(subscription, failures + 1, attempt);
                return;
            }
            failures = 0;
            if (!subscriptions.advance(subscription, change.seq(), clock.instant())) {
                return; // the lease was taken away (replay, delete): stop here
            }
        }
        boolean more = batch.changes().size() == BATCH;
        if (!more && batch.head() > subscription.cursor()) {
            // Entries the filters left out: skip them too, so the next read starts after them.
            if (!subscriptions.advance(subscription, batch.head(), clock.instant())) {
                return;
            }
        }
        Instant now = clock.instant();
        subscriptions.release(subscription, more ? now : now.plus(settings.idlePoll()));
    }

    private record Attempt(
            boolean succeeded,
            @Nullable Integer status,
            @Nullable String error) {}

    private Attempt deliver(WebhookSubscriptions.Claimed subscription, ChangeJournal.Change change, int attempt) {
        String messageId = "msg_" + subscription.tenantId() + "_" + change.seq();
        Instant at = clock.instant();
        long timestamp = at.getEpochSecond();
        byte[] body = body(change, at);
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.url()))
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Rollcall-Webhooks/1")
                    .header("webhook-id", messageId)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSigner.sign(subscription.secret(), messageId, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status < 200 || status > 299) {
                error = "the endpoint answered " + status;
            }
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted (Rollcall is stopping)";
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
        boolean ok = error == null;
        subscriptions.recordAttempt(
                subscription, messageId, change.seq(), change.eventType(), attempt, at, millis, status, ok, error);
        return new Attempt(ok, status, error);
    }

    private byte[] body(ChangeJournal.Change change, Instant at) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator out = json.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringProperty("type", change.eventType());
            out.writeStringProperty("timestamp", at.toString());
            out.writeName("data");
            ChangeJournal.write(change, out);
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private void fail(WebhookSubscriptions.Claimed subscription, int failures, Attempt attempt) {
        Instant now = clock.instant();
        if (failures >= settings.failuresBeforeDisable()) {
            String reason =
                    "disabled after " + failures + " consecutive failed deliveries; the last: " + attempt.error();
            if (subscriptions.disable(subscription, failures, reason, now)) {
                alerts.raise(
                        subscription.tenantId(),
                        "webhook-subscription-disabled",
                        "warning",
                        "webhook-subscription",
                        subscription.id().toString(),
                        "Webhook subscription to " + subscription.url() + " was " + reason,
                        Map.of("url", subscription.url(), "failures", failures, "cursor", subscription.cursor()));
                audit.record(
                        subscription.tenantId(),
                        "system:webhook-dispatcher",
                        "webhook-subscription.disabled",
                        "webhook-subscription",
                        subscription.id().toString(),
                        Map.of("reason", reason));
                log.warn("webhook subscription {} to {} {}", subscription.id(), subscription.url(), reason);
            }
            return;
        }
        Duration backoff = settings.backoff(failures);
        subscriptions.failed(subscription, failures, now.plus(backoff), now);
        log.info(
                "webhook delivery for subscription {} failed (attempt {}): {}; retrying in {}",
                subscription.id(),
                failures,
                attempt.error(),
                backoff);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        Thread current = loop;
        if (current != null) {
            current.interrupt();
        }
        loop = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
