package dev.rollcall.gateway.limit;

import io.github.bucket4j.Bucket;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Buckets in this JVM only (Bucket4j's local buckets): for tests and for a single instance without
 * a database. Two instances with two of these do not share limits.
 */
public final class InMemoryRateLimitStore implements RateLimitStore {

    private record Key(String name, RateLimit limit) {}

    private final ConcurrentMap<Key, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public long tryTake(String key, RateLimit limit) {
        var probe = bucket(key, limit).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    @Override
    public void giveBack(String key, RateLimit limit) {
        bucket(key, limit).addTokens(1);
    }

    private Bucket bucket(String key, RateLimit limit) {
        return buckets.computeIfAbsent(new Key(key, limit), k -> Bucket.builder()
                .addLimit(
                        bandwidth -> bandwidth.capacity(limit.permits()).refillGreedy(limit.permits(), limit.period()))
                .build());
    }
}
