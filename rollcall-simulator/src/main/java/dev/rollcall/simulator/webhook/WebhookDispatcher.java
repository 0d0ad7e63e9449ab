package dev.rollcall.simulator.webhook;

import dev.rollcall.simulator.SimulatedRoster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns every roster change into a signed Standard Webhooks event and delivers it to each
 * subscription that wants it.
 *
 * <p><b>The event.</b> One per changed record, {@code POST}ed as JSON:
 *
 * <pre>{@code
 * {"type": "user.updated", "timestamp": "2025-08-01T10:00:00.000Z",
 *  "data": {"sourcedId": "usr-0000042", "entity": "users", "record": {…the full record…}}}
 * }</pre>
 *
 * with the headers {@code webhook-id} (the same on every attempt), {@code webhook-timestamp} (unix
 * seconds of the attempt) and {@code webhook-signature} ({@link WebhookSignature}). Types are the
 * singular entity name ({@code user}, {@code org}, {@code class}, {@code course}, {@code
 * enrollment}, {@code academicSession}, {@code demographics}) and {@code created}, {@code updated}
 * or {@code deleted} (a soft delete to {@code tobedeleted}, or a hard removal).
 *
 * <p><b>Threading.</b> {@link #publish} only enqueues, so it is cheap on the thread that changed the
 * roster. Each subscription has its own virtual thread that delivers its messages one at a time in
 * publication order, retrying each by the {@link RetryPolicy} before the next; a slow receiver only
 * delays its own subscription. Every attempt is recorded ({@link #deliveries}, the last {@value
 * #KEPT_ATTEMPTS} per subscription). {@link #close} stops the threads; undelivered messages are
 * dropped. Thread-safe.
 */
public final class WebhookDispatcher implements AutoCloseable {

    static final int KEPT_ATTEMPTS = 1000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> KINDS = Set.of("created", "updated", "deleted", "*");
    private static final Set<String> ENTITIES =
            Set.of("user", "org", "class", "course", "enrollment", "academicSession", "demographics");

    private final RetryPolicy policy;
    private final Clock clock;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Worker> workers = new LinkedHashMap<>();

    public WebhookDispatcher(RetryPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(policy.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Every problem with a subscription request, each naming the field; empty when it is valid.
     *
     * @param secret null to have one generated
     */
    public static List<String> problems(
            @Nullable String url, @Nullable List<String> eventTypes, @Nullable String secret) {
        List<String> problems = new ArrayList<>();
        if (url == null || url.isBlank()) {
            problems.add("url: is required");
        } else {
            try {
                URI uri = URI.create(url);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    problems.add("url: must be an absolute http or https URL, but was '" + url + "'");
                }
            } catch (IllegalArgumentException e) {
                problems.add("url: is not a URL: " + e.getMessage());
            }
        }
        if (eventTypes == null || eventTypes.isEmpty()) {
            problems.add("eventTypes: needs at least one type, e.g. \"user.updated\", \"user.*\" or \"*\"");
        } else {
            for (int i = 0; i < eventTypes.size(); i++) {
                String type = eventTypes.get(i);
                if (!validType(type)) {
                    problems.add("eventTypes[" + i + "]: must be \"*\" or <entity>.<created|updated|deleted|*> with an"
                            + " entity of " + ENTITIES.stream().sorted().toList() + ", but was '" + type + "'");
                }
            }
        }
        if (secret != null) {
            try {
                WebhookSignature.key(secret);
            } catch (IllegalArgumentException e) {
                problems.add("secret: " + e.getMessage());
            }
        }
        return problems;
    }

    private static boolean validType(@Nullable String type) {
        if (type == null) {
            return false;
        }
        if (type.equals("*")) {
            return true;
        }
        int dot = type.indexOf('.');
        return dot > 0 && ENTITIES.contains(type.substring(0, dot)) && KINDS.contains(type.substring(dot + 1));
    }

    /**
     * Adds a subscription and starts its delivery thread.
     *
     * @param secret the signing secret, or null to generate one
     * @throws IllegalArgumentException listing every {@link #problems problem}
     */
    public synchronized WebhookSubscription subscribe(String url, List<String> eventTypes, @Nullable String secret) {
        List<String> problems = problems(url, eventTypes, secret);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        String id = "whk_" + ids.incrementAndGet();
        WebhookSubscription subscription = new WebhookSubscription(
                id,
                URI.create(url),
                eventTypes,
                secret != null ? secret : WebhookSignature.newSecret(random),
                clock.instant());
        Worker worker = new Worker(subscription);
        workers.put(id, worker);
        worker.thread.start();
        return subscription;
    }

    /** Removes a subscription and stops its deliveries; false when there is none with this id. */
    public synchronized boolean unsubscribe(String id) {
        Worker worker = workers.remove(id);
        if (worker == null) {
            return false;
        }
        worker.thread.interrupt();
        return true;
    }

    public synchronized List<WebhookSubscription> subscriptions() {
        return workers.values().stream().map(worker -> worker.subscription).toList();
    }

    public synchronized Optional<WebhookSubscription> subscription(String id) {
        return Optional.ofNullable(workers.get(id)).map(worker -> worker.subscription);
    }

    /** The attempts made for a subscription, oldest first; empty when there is no such subscription. */
    public Optional<List<DeliveryAttempt>> deliveries(String id) {
        Worker worker;
        synchronized (this) {
            worker = workers.get(id);
        }
        return Optional.ofNullable(worker).map(Worker::attempts);
    }

    /** How many messages wait for a subscription (the one being delivered included). */
    public Optional<Integer> pending(String id) {
        Worker worker;
        synchronized (this) {
            worker = workers.get(id);
        }
        return Optional.ofNullable(worker).map(found -> found.queue.size() + (found.busy ? 1 : 0));
    }

    /** Enqueues the event for a change to every subscription that wants its type. */
    public void publish(SimulatedRoster.Change change) {
        String type = entityName(change.collection()) + "." + change.kind();
        Collection<Worker> targets;
        synchronized (this) {
            targets = workers.values().stream()
                    .filter(worker -> worker.subscription.wants(type))
                    .toList();
        }
        if (targets.isEmpty()) {
            return;
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("type", type);
        event.put("timestamp", TIMESTAMP.format(change.at()));
        ObjectNode data = event.putObject("data");
        data.put("sourcedId", change.sourcedId());
        data.put("entity", change.collection());
        data.set("record", change.record().deepCopy());
        Message message = new Message(messageId(), type, JSON.writeValueAsBytes(event));
        targets.forEach(worker -> worker.queue.add(message));
    }

    private String messageId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String entityName(String collection) {
        return switch (collection) {
            case "academicSessions" -> "academicSession";
            case "classes" -> "class";
            case "courses" -> "course";
            case "enrollments" -> "enrollment";
            case "orgs" -> "org";
            case "users" -> "user";
            default -> collection; // demographics
        };
    }

    @Override
    public synchronized void close() {
        workers.values().forEach(worker -> worker.thread.interrupt());
        workers.clear();
        http.close();
    }

    private record Message(String id, String type, byte[] body) {}

    /** One subscription's queue and delivery thread. */
    private final class Worker {
        final WebhookSubscription subscription;
        final BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
        final ArrayDeque<DeliveryAttempt> attempts = new ArrayDeque<>();
        final Thread thread;
        volatile boolean busy;

        Worker(WebhookSubscription subscription) {
            this.subscription = subscription;
            this.thread = Thread.ofVirtual()
                    .name("simulator-webhook-" + subscription.id())
                    .unstarted(this::run);
        }

        synchronized List<DeliveryAttempt> attempts() {
            return List.copyOf(attempts);
        }

        private synchronized void record(DeliveryAttempt attempt) {
            if (attempts.size() == KEPT_ATTEMPTS) {
                attempts.removeFirst();
            }
            attempts.addLast(attempt);
        }

        private void run() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Message message = queue.take();
                    busy = true;
                    deliver(message);
                    busy = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // unsubscribed or closed: stop
            }
        }

        private void deliver(Message message) throws InterruptedException {
            for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
                Instant at = clock.instant();
                long timestamp = at.getEpochSecond();
                HttpRequest request = HttpRequest.newBuilder(subscription.url())
                        .timeout(policy.timeout())
                        .header("Content-Type", "application/json")
                        .header("webhook-id", message.id())
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header(
                                "webhook-signature",
                                WebhookSignature.sign(subscription.secret(), message.id(), timestamp, message.body()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()))
                        .build();
                int status = 0;
                String error = null;
                try {
                    status = http.send(request, HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                } catch (IOException e) {
                    error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                }
                boolean delivered = status >= 200 && status < 300;
                record(new DeliveryAttempt(message.id(), message.type(), attempt, at, status, error, delivered));
                if (delivered) {
                    return;
                }
                if (attempt < policy.maxAttempts()) {
                    Thread.sleep(policy.delayAfter(attempt));
                }
            }
        }
    }
}
