package dev.rollcall.gateway.internal;

import dev.rollcall.connector.api.error.RateLimitedException;
import dev.rollcall.connector.api.http.UpstreamRequest.Priority;
import dev.rollcall.gateway.limit.RateLimit;
import dev.rollcall.gateway.limit.RateLimitStore;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Waits for a token from every limit that applies to a request, serving waiting requests in
 * priority order (then first come, first served): only the head of the queue asks the store, so a
 * webhook fetch that arrives behind a hundred full-sync requests is the next one through.
 *
 * <p>One gate per integration and upstream in each JVM; the store is what the instances share.
 * Thread-safe.
 */
public final class PriorityGate {

    /** One limit to take a token from. */
    public record Limited(String key, RateLimit limit) {}

    private record Ticket(Priority priority, long sequence) {}

    private static final Comparator<Ticket> ORDER =
            Comparator.comparing(Ticket::priority).thenComparingLong(Ticket::sequence);

    private final RateLimitStore store;
    private final List<Limited> limits;
    private final Duration maxWait;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Ticket> queue = new PriorityQueue<>(ORDER);
    private long sequence;

    public PriorityGate(RateLimitStore store, List<Limited> limits, Duration maxWait) {
        this.store = store;
        this.limits = List.copyOf(limits);
        this.maxWait = maxWait;
    }

    public boolean limited() {
        return !limits.isEmpty();
    }

    /** How many requests are waiting now. */
    public int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a token from every limit, waiting in priority order.
     *
     * @return how long the request waited; zero when a token was there at once
     * @throws RateLimitedException when the tokens would not come within the gate's maximum wait;
     *     its retry-after is the store's estimate when it has one
     */
    public Duration acquire(Priority priority) throws RateLimitedException, InterruptedException {
        if (limits.isEmpty()) {
            return Duration.ZERO;
        }
        long start = System.nanoTime();
        long deadline = start + maxWait.toNanos();
        lock.lockInterruptibly();
        Ticket ticket = new Ticket(priority, sequence++);
        queue.add(ticket);
        boolean waited = false;
        try {
            while (true) {
                long now = System.nanoTime();
                if (queue.peek() == ticket) {
                    long wait = tryTakeAll();
                    if (wait == 0) {
                        return waited ? Duration.ofNanos(System.nanoTime() - start) : Duration.ZERO;
                    }
                    if (now + wait - deadline > 0) {
                        throw new RateLimitedException(
                                "the rate limit " + describe() + " has no token within the " + maxWait
                                        + " a request may wait (next in " + Duration.ofNanos(wait) + ")",
                                Duration.ofNanos(wait),
                                null);
                    }
                    waited = true;
                    changed.awaitNanos(wait);
                } else {
                    if (now - deadline >= 0) {
                        throw new RateLimitedException(
                                "the rate limit " + describe() + " kept " + priority + " work waiting longer than "
                                        + maxWait + " behind " + (queue.size() - 1) + " other requests",
                                null,
                                null);
                    }
                    waited = true;
                    changed.awaitNanos(deadline - now);
                }
            }
        } finally {
            queue.remove(ticket);
            changed.signalAll();
            lock.unlock();
        }
    }

    /** 0 when every limit gave a token; else the longest refill wait (and no token is kept). */
    private long tryTakeAll() {
        for (int i = 0; i < limits.size(); i++) {
            Limited limited = limits.get(i);
            long wait = store.tryTake(limited.key(), limited.limit());
            if (wait > 0) {
                for (int taken = 0; taken < i; taken++) {
                    store.giveBack(limits.get(taken).key(), limits.get(taken).limit());
                }
                return wait;
            }
        }
        return 0;
    }

    private String describe() {
        return limits.stream()
                .map(limited -> limited.key() + " (" + limited.limit() + ")")
                .reduce((a, b) -> a + " and " + b)
                .orElse("");
    }
}
