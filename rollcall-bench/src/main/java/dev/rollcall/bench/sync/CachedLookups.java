package dev.rollcall.bench.sync;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.store.postgres.sync.MappingLookup;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The mapping ledger's single-record look-up as webhook hints and the API use it ({@link
 * MappingLookup}: Caffeine in front of one indexed query), measured on the ledger a sync wrote:
 * every key looked up once into an empty cache (each a miss: one query), then many look-ups of keys
 * drawn at random from those (each a hit). Every answer is checked against the ledger, so a broken
 * cache cannot look fast. One thread; each look-up timed on its own with {@link System#nanoTime}.
 * The look-ups share one open connection (the server's pool keeps its connections open too; the
 * benchmark's data source opens a new one each time, which would time the connect, not the query).
 */
final class CachedLookups {

    /** Sorted latencies in nanoseconds, of the misses and of the hits, and the cache's hit rate. */
    record Result(long[] misses, long[] hits, double hitRate) {

        static double percentileMillis(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
        }
    }

    private record Key(EntityType type, String externalId, UUID localId) {}

    private CachedLookups() {}

    /**
     * @param keys how many mappings (half users, half enrollments, drawn at random) to look up
     * @param lookups how many cached look-ups to time
     */
    static Result measure(DataSource dataSource, UUID integration, int keys, int lookups, long seed)
            throws SQLException {
        List<Key> sample = sample(dataSource, integration, keys);
        try (Connection connection = dataSource.getConnection()) {
            return measure(sample, sharing(connection), integration, lookups, seed);
        }
    }

    private static Result measure(List<Key> sample, DataSource dataSource, UUID integration, int lookups, long seed) {
        MappingLookup lookup = new MappingLookup(dataSource, Math.max(1, sample.size()) * 2L, Duration.ofMinutes(30));
        long[] misses = new long[sample.size()];
        for (int i = 0; i < sample.size(); i++) {
            misses[i] = timed(lookup, integration, sample.get(i));
        }
        long[] hits = new long[sample.isEmpty() ? 0 : lookups];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < hits.length; i++) {
            hits[i] = timed(lookup, integration, sample.get(random.nextInt(sample.size())));
        }
        Arrays.sort(misses);
        Arrays.sort(hits);
        return new Result(misses, hits, lookup.hitRate());
    }

    private static long timed(MappingLookup lookup, UUID integration, Key key) {
        long start = System.nanoTime();
        UUID found = lookup.localId(integration, key.type(), key.externalId()).orElse(null);
        long nanos = System.nanoTime() - start;
        if (!key.localId().equals(found)) {
            throw new IllegalStateException(
                    "the mapping look-up of " + key.type().collection() + " '" + key.externalId() + "' answered "
                            + found + ", but the ledger says " + key.localId());
        }
        return nanos;
    }

    /** A data source that hands out the one connection, which its users' close() leaves open. */
    private static DataSource sharing(Connection connection) {
        ClassLoader loader = CachedLookups.class.getClassLoader();
        Connection kept = (Connection) Proxy.newProxyInstance(
                loader, new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> null;
                    case "isClosed" -> false;
                    default -> forward(method, connection, args);
                });
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            if (method.getName().equals("getConnection")) {
                return kept;
            }
            throw new UnsupportedOperationException("DataSource." + method.getName());
        });
    }

    private static Object forward(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static List<Key> sample(DataSource dataSource, UUID integration, int keys) throws SQLException {
        List<Key> sample = new ArrayList<>(keys);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        (select entity_type, external_id, local_id from id_mapping
                         where integration_id = ? and entity_type = 'user' and valid_to is null
                         order by random() limit ?)
                        union all
                        (select entity_type, external_id, local_id from id_mapping
                         where integration_id = ? and entity_type = 'enrollment' and valid_to is null
                         order by random() limit ?)""")) {
            select.setObject(1, integration);
            select.setInt(2, keys / 2);
            select.setObject(3, integration);
            select.setInt(4, keys - keys / 2);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    EntityType type = rows.getString(1).equals("user") ? EntityType.USER : EntityType.ENROLLMENT;
                    sample.add(new Key(type, rows.getString(2), rows.getObject(3, UUID.class)));
                }
            }
        }
        return sample;
    }
}
