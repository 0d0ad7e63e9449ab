package dev.rollcall.bench.sync;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.ConnectorContext;
import dev.rollcall.connector.api.ConnectorDescriptor;
import dev.rollcall.connector.api.config.ConnectorConfig;
import dev.rollcall.connector.oneroster.OneRosterConnectorFactory;
import dev.rollcall.engine.sync.RunContext;
import dev.rollcall.engine.sync.RunOutcome;
import dev.rollcall.engine.sync.Sleeper;
import dev.rollcall.engine.sync.SyncEngine;
import dev.rollcall.engine.sync.SyncMode;
import dev.rollcall.engine.sync.SyncSettings;
import dev.rollcall.gateway.Gateways;
import dev.rollcall.gateway.IntegrationGateway;
import dev.rollcall.simulator.Simulator;
import dev.rollcall.simulator.data.Scale;
import dev.rollcall.simulator.http.Dialect;
import dev.rollcall.store.postgres.EmbeddedPostgresServer;
import dev.rollcall.store.postgres.sync.PostgresSyncStore;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;

/**
 * What the sync benchmark runs against, all in this process: an embedded PostgreSQL in a fresh data
 * directory (migrated by Flyway), a tenant and an integration, the simulator in the TimeBack dialect
 * on a free port, and the OneRoster connector ({@code timeback} profile) through a real gateway.
 * Runs go through {@link SyncEngine} on {@link PostgresSyncStore}, as the server's job does. Not
 * thread-safe; {@link #close()} stops everything and deletes the data directory.
 */
final class SyncRig implements AutoCloseable {

    /** The roster tables, in entity order. */
    static final List<String> ROSTER_TABLES = List.of(
            "roster_org",
            "roster_academic_session",
            "roster_course",
            "roster_class",
            "roster_user",
            "roster_enrollment",
            "roster_demographics");

    /** How one run went: its outcome, its wall time and the used heap's sampled peak while it ran. */
    record Run(RunOutcome outcome, UUID sessionId, long nanos, long peakHeapBytes) {
        double seconds() {
            return nanos / 1e9;
        }
    }

    final UUID tenant = UUID.randomUUID();
    final UUID integration = UUID.randomUUID();
    final Simulator simulator;
    private final EmbeddedPostgresServer postgres;
    private final HikariDataSource dataSource;
    private final PostgresSyncStore store;
    private final SyncEngine engine;
    private final SyncSettings settings;
    private final Path work;

    private SyncRig(
            Path work,
            EmbeddedPostgresServer postgres,
            HikariDataSource dataSource,
            Simulator simulator,
            int pageSize) {
        this.work = work;
        this.postgres = postgres;
        this.dataSource = dataSource;
        this.simulator = simulator;
        this.store = new PostgresSyncStore(dataSource, null);
        this.engine = new SyncEngine(store, Sleeper.SYSTEM);
        this.settings = SyncSettings.builder().pageSize(pageSize).build();
    }

    static SyncRig start(Path workRoot, Scale scale, long seed, int pageSize) throws IOException, SQLException {
        Files.createDirectories(workRoot);
        Path work = Files.createTempDirectory(workRoot.toAbsolutePath(), "run-");
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(work.resolve("postgres"), "rollcall");
        // A connection pool as the server's (DatabaseConfiguration: HikariCP, at most 16): the store
        // takes a connection per transaction, and without a pool each would be a new backend.
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("bench");
        pool.setMaximumPoolSize(16);
        pool.setJdbcUrl(postgres.jdbcUrl("rollcall"));
        pool.setUsername(postgres.user());
        HikariDataSource dataSource = new HikariDataSource(pool);
        Flyway.configure()
                .loggers("slf4j")
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        Simulator simulator = Simulator.start(Simulator.Options.defaults()
                .withPort(0)
                .withScale(scale)
                .withSeed(seed)
                .withDialect(Dialect.TIMEBACK));
        SyncRig rig = new SyncRig(work, postgres, dataSource, simulator, pageSize);
        rig.execute("insert into tenant (id, slug, name) values ('" + rig.tenant + "', 'bench', 'Bench')");
        rig.execute("insert into integration (id, tenant_id, name, connector, current_version) values ('"
                + rig.integration + "', '" + rig.tenant + "', 'Simulator', 'oneroster', 1)");
        return rig;
    }

    Path work() {
        return work;
    }

    /** Runs one session to its end with a connector opened for it, as the server's job does. */
    Run sync(SyncMode mode) throws Exception {
        OneRosterConnectorFactory factory = new OneRosterConnectorFactory();
        ConnectorDescriptor descriptor = factory.descriptor();
        ConnectorConfig config = descriptor
                .configSpec()
                .validate(Map.of(
                        "profile", "timeback",
                        "baseUrl", simulator.baseUrl().toString(),
                        "tokenUrl", "/oauth2/token",
                        "clientId", simulator.options().clientId(),
                        "clientSecret", simulator.options().clientSecret()))
                .validConfig()
                .orElseThrow(() -> new IllegalStateException("the benchmark's connector config is invalid"));
        UUID session = store.createSession(tenant, integration, mode, List.of(), false, "bench");
        RunContext run = new RunContext(tenant, integration, session, mode, List.of(), false);
        long start = System.nanoTime();
        try (HeapSampler heap = new HeapSampler();
                IntegrationGateway gateway = Gateways.builder()
                        .tenant(tenant.toString())
                        .integration(integration.toString())
                        .build();
                Connector connector = factory.open(
                        config,
                        ConnectorContext.of(tenant.toString(), integration.toString(), Clock.systemUTC(), gateway))) {
            RunOutcome outcome = engine.run(run, connector, descriptor, settings, () -> false);
            return new Run(outcome, session, System.nanoTime() - start, heap.peak());
        }
    }

    /** The current transaction id: every row written after it has an {@code xmin} at or above it. */
    long currentTransaction() throws SQLException {
        return queryLong("select txid_current()");
    }

    /** Roster rows of the tenant inserted or updated by a transaction at or after {@code since}. */
    long rosterRowsWrittenSince(long since) throws SQLException {
        long rows = 0;
        for (String table : ROSTER_TABLES) {
            rows += queryLong("select count(*) from " + table + " where tenant_id = '" + tenant
                    + "' and xmin::text::bigint >= " + since);
        }
        return rows;
    }

    long rosterRows() throws SQLException {
        long rows = 0;
        for (String table : ROSTER_TABLES) {
            rows += queryLong("select count(*) from " + table + " where tenant_id = '" + tenant + "'");
        }
        return rows;
    }

    /** The cached mapping look-up measured on this rig's ledger; see {@link CachedLookups}. */
    CachedLookups.Result cachedLookups(int keys, int lookups, long seed) throws SQLException {
        return CachedLookups.measure(dataSource, integration, keys, lookups, seed);
    }

    long journalEntries(UUID session) throws SQLException {
        return queryLong("select count(*) from change_journal where session_id = '" + session + "'");
    }

    /**
     * The baseline: the roster rows the sync wrote, exported to files beforehand (untimed), then
     * COPY'd (binary, as the store writes) into empty tables shaped like the roster's, indexes included,
     * one transaction per table. Returns the rows copied and the time the COPYs took.
     */
    long[] rawCopyOfTheRoster() throws SQLException, IOException {
        long rows = 0;
        long nanos = 0;
        try (Connection connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : ROSTER_TABLES) {
                Path file = work.resolve(table + ".copy");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                    copy.copyOut(
                            "copy (select * from " + table + " where tenant_id = '" + tenant
                                    + "') to stdout (format binary)",
                            out);
                }
                String target = "bench_copy_" + table;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("drop table if exists " + target);
                    statement.execute("create table " + target + " (like " + table + " including all)");
                    statement.execute("checkpoint");
                }
                long start = System.nanoTime();
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    rows += copy.copyIn("copy " + target + " from stdin (format binary)", in);
                }
                nanos += System.nanoTime() - start;
                Files.delete(file);
            }
        }
        return new long[] {rows, nanos};
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Samples the used heap every 20 ms until closed; keeps the largest value. It forces no
     * collection first, as no server does between its runs: a full collection compacts and shrinks
     * the heap, and G1 then starts the run with a small young generation that it grows again over
     * dozens of collections (measured: about 80 young collections and 30 to 40 marking cycles in a
     * no-change resync after one). Whatever the scenario before left is counted in the peak until
     * the collector frees it.
     */
    private static final class HeapSampler implements AutoCloseable {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;

        HeapSampler() {
            thread = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        long peak() {
            return Math.max(peak.get(), memory.getHeapMemoryUsage().getUsed());
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    /** Stops the simulator and PostgreSQL, and deletes the data directory (about 9 GB at the large scale). */
    @Override
    public void close() {
        simulator.close();
        dataSource.close();
        postgres.close();
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + work + ": " + e.getMessage());
        }
    }
}
