package dev.rollcall.gateway.limit;

/**
 * Where token buckets live. Keys name what is limited ({@code integration:<id>}, {@code
 * upstream:<name>}); a bucket is created on first use with its limit, and replaced (keeping its
 * share of tokens) when the limit for a key changes.
 *
 * <p><b>Threading.</b> Thread-safe. Instances that share a store (the PostgreSQL one, on one
 * database) share its buckets: together they never exceed a key's limit.
 */
public interface RateLimitStore {

    /**
     * Takes one token from the bucket {@code key} when there is one.
     *
     * @return 0 when the token was taken; otherwise how many nanoseconds until one is refilled
     */
    long tryTake(String key, RateLimit limit);

    /** Gives back a token taken by {@link #tryTake} but not used (another limit refused the request). */
    void giveBack(String key, RateLimit limit);
}
