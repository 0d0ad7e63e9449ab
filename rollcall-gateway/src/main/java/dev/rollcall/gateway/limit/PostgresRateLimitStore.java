package dev.rollcall.gateway.limit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;

/**
 * Buckets in PostgreSQL (table {@code gateway_rate_bucket}, migration {@code V3__gateway.sql}),
 * through Bucket4j's select-for-update backend: each take is one short transaction that locks the
 * key's row, so every Rollcall instance on the same database shares each bucket exactly.
 *
 * <p>Rows of buckets that have been full for {@link #EXPIRE_AFTER_FULL} are removed by {@link
 * #removeExpired(int)}, which the runtime may call from time to time.
 */
public final class PostgresRateLimitStore implements RateLimitStore {

    public static final String TABLE = "gateway_rate_bucket";
    static final Duration EXPIRE_AFTER_FULL = Duration.ofMinutes(10);

    private record Key(String name, RateLimit limit) {}

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final ConcurrentMap<Key, BucketProxy> proxies = new ConcurrentHashMap<>();

    public PostgresRateLimitStore(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(EXPIRE_AFTER_FULL))
                .build();
    }

    @Override
    public long tryTake(String key, RateLimit limit) {
        var probe = proxy(key, limit).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    @Override
    public void giveBack(String key, RateLimit limit) {
        proxy(key, limit).addTokens(1);
    }

    /** Deletes up to {@code batchSize} rows of buckets that are long full; returns how many went. */
    public int removeExpired(int batchSize) {
        return buckets.removeExpired(batchSize);
    }

    private BucketProxy proxy(String key, RateLimit limit) {
        return proxies.computeIfAbsent(
                new Key(key, limit), k -> buckets.builder().build(rowId(key, limit), () -> configuration(limit)));
    }

    /**
     * The row of a key under one limit. The limit is part of the id so that instances never fight over
     * a bucket's configuration: a changed limit starts a new, full bucket, and the old row expires.
     */
    static String rowId(String key, RateLimit limit) {
        return key + "@" + limit.permits() + "/" + limit.period().toMillis() + "ms";
    }

    private static BucketConfiguration configuration(RateLimit limit) {
        return BucketConfiguration.builder()
                .addLimit(
                        bandwidth -> bandwidth.capacity(limit.permits()).refillGreedy(limit.permits(), limit.period()))
                .build();
    }
}
