package dev.rollcall.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded PostgreSQL against real binaries: the schema, durability across restarts, recovery from
 * a PostgreSQL orphaned by a JVM killed with {@code kill -9}, and the mapping ledger's key index.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EmbeddedPostgresIT {

    private static final String DATABASE = "rollcall";

    private static final List<String> EXPECTED_TABLES = List.of(
            "tenant",
            "api_token",
            "integration",
            "integration_config_version",
            "integration_credential",
            "roster_org",
            "roster_academic_session",
            "roster_course",
            "roster_class",
            "roster_user",
            "roster_enrollment",
            "roster_demographics",
            "id_mapping",
            "sync_session",
            "sync_checkpoint",
            "sync_watermark",
            "change_journal",
            "dead_letter",
            "audit_log");

    private Path dataDirectory;

    @BeforeEach
    void freshDataDirectory() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        dataDirectory = Files.createTempDirectory(target, "pg-");
    }

    @AfterEach
    void cleanUp() throws IOException {
        // A safety net for failed tests: nothing of ours may keep running.
        EmbeddedPostgresServer.stopOrphan(dataDirectory);
        if (!Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Test
    void migrationMakesTheSchemaAndEveryTenantTableCarriesTheTenant() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, DATABASE)) {
            assertThat(migrate(server)).isEqualTo(migrationFiles());

            try (Connection connection = connect(server)) {
                List<String> tables = strings(
                        connection,
                        "select table_name from information_schema.tables"
                                + " where table_schema = 'public' and table_type = 'BASE TABLE'");
                assertThat(tables).containsAll(EXPECTED_TABLES).contains("flyway_schema_history");

                // Every table that holds tenant data carries the tenant: a NOT NULL tenant_id ...
                List<String> withoutTenant = strings(
                        connection,
                        "select t.table_name from information_schema.tables t"
                                + " where t.table_schema = 'public' and t.table_type = 'BASE TABLE'"
                                // gateway_rate_bucket holds rate-limit state per integration or upstream host, no
                                // tenant data
                                + " and t.table_name not in ('tenant', 'flyway_schema_history', 'scheduled_tasks',"
                                + " 'gateway_rate_bucket')"
                                + " and not exists (select 1 from information_schema.columns c"
                                + "   where c.table_schema = t.table_schema and c.table_name = t.table_name"
                                + "   and c.column_name = 'tenant_id' and c.is_nullable = 'NO')");
                assertThat(withoutTenant)
                        .as("tables without a NOT NULL tenant_id")
                        .isEmpty();
                List<String> withTenant = strings(
                        connection,
                        "select table_name from information_schema.columns where table_schema = 'public' and"
                                + " column_name = 'tenant_id' and is_nullable = 'NO'");
                assertThat(withTenant)
                        .as("the check above is not vacuous")
                        .hasSize(tables.size() - 4)
                        .containsAll(EXPECTED_TABLES.subList(1, EXPECTED_TABLES.size()));

                // ... that references the tenant ...
                List<String> withoutTenantForeignKey = strings(
                        connection,
                        "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                                + " where n.nspname = 'public' and c.relkind = 'r'"
                                + " and c.relname not in ('tenant', 'flyway_schema_history', 'scheduled_tasks',"
                                + " 'gateway_rate_bucket')"
                                + " and not exists (select 1 from pg_constraint k"
                                + "   join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]"
                                + "   where k.conrelid = c.oid and k.contype = 'f' and cardinality(k.conkey) = 1"
                                + "   and k.confrelid = 'public.tenant'::regclass and a.attname = 'tenant_id')");
                assertThat(withoutTenantForeignKey)
                        .as("tables whose tenant_id does not reference tenant")
                        .isEmpty();

                // ... and every table has a primary key (the roster tables made with LIKE get theirs
                // in a separate ALTER).
                List<String> withoutPrimaryKey = strings(
                        connection,
                        "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                                + " where n.nspname = 'public' and c.relkind = 'r'"
                                + " and not exists (select 1 from pg_constraint k"
                                + "   where k.conrelid = c.oid and k.contype = 'p')");
                assertThat(withoutPrimaryKey).as("tables without a primary key").isEmpty();

                assertThat(strings(connection, "select slug from tenant")).containsExactly("default");
            }
        }
    }

    @Test
    void dataSurvivesARestartOnTheSameDirectory() throws Exception {
        UUID tenant = UUID.randomUUID();
        String systemIdentifier;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, DATABASE)) {
            assertThat(migrate(server)).isEqualTo(migrationFiles());
            try (Connection connection = connect(server)) {
                assertDurableSettings(connection);
                insertTenant(connection, tenant, "durable");
                systemIdentifier = string(connection, "select system_identifier::text from pg_control_system()");
            }
        }
        assertThat(dataDirectory.resolve("postmaster.pid"))
                .as("close() stopped the server")
                .doesNotExist();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, DATABASE)) {
            try (Connection connection = connect(server)) {
                assertThat(string(connection, "select system_identifier::text from pg_control_system()"))
                        .as("the same cluster, not a new initdb")
                        .isEqualTo(systemIdentifier);
                assertThat(strings(connection, "select slug from tenant where id = '" + tenant + "'"))
                        .containsExactly("durable");
                assertThat(string(connection, "select count(*)::text from flyway_schema_history"))
                        .isEqualTo(Integer.toString(migrationFiles()));
                assertDurableSettings(connection);
            }
            assertThat(migrate(server)).as("nothing left to migrate").isZero();
            try (Connection connection = connect(server)) {
                assertThat(string(connection, "select count(*)::text from flyway_schema_history"))
                        .isEqualTo(Integer.toString(migrationFiles()));
            }
        }
    }

    /**
     * A real {@code kill -9}: the first server runs in a child JVM, which is killed with SIGKILL; its
     * PostgreSQL survives (pg_ctl detaches it) and holds the data directory. Before the kill, a start
     * on the same directory must leave the child's server alone.
     *
     * <p>An in-process "server that is never closed" cannot stand in for it: zonky's EmbeddedPostgres
     * holds a JVM-wide lock on {@code epg-lock} in the data directory, so a second start in the same JVM
     * fails with an OverlappingFileLockException whatever {@code stopOrphan} does. The lock of a killed
     * JVM is gone with it.
     */
    @Test
    void startStopsAPostgresOrphanedByAKilledJvm() throws Exception {
        UUID tenant = UUID.randomUUID();
        Process host = startOrphanHost(dataDirectory, tenant);
        try {
            long orphanPid = postmasterPid(dataDirectory);
            assertThat(isAlive(orphanPid)).isTrue();

            // While its JVM lives, the server is not an orphan: a second start leaves it alone.
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDirectory, DATABASE))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("still running");
            assertThat(host.isAlive()).isTrue();
            assertThat(isAlive(orphanPid)).isTrue();
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + postmasterPort(dataDirectory) + "/" + DATABASE, "postgres", "")) {
                assertThat(strings(connection, "select slug from tenant where id = '" + tenant + "'"))
                        .containsExactly("orphaned");
            }

            host.destroyForcibly(); // SIGKILL: no shutdown hooks, no pg_ctl stop
            assertThat(host.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(host.exitValue()).isEqualTo(128 + 9);
            assertThat(isAlive(orphanPid)).as("the orphan outlived its JVM").isTrue();

            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, DATABASE)) {
                assertThat(isAlive(orphanPid)).as("the orphan was stopped").isFalse();
                assertThat(postmasterPid(dataDirectory)).isNotEqualTo(orphanPid);
                try (Connection connection = connect(server)) {
                    assertThat(strings(connection, "select slug from tenant where id = '" + tenant + "'"))
                            .as("what the killed JVM committed")
                            .containsExactly("orphaned");
                    assertThat(string(connection, "select count(*)::text from flyway_schema_history"))
                            .isEqualTo(Integer.toString(migrationFiles()));
                }
                assertThat(migrate(server)).isZero();
            }
            assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();
        } finally {
            host.destroyForcibly();
            host.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** stopOrphan must not take a running server from under the process that owns it. */
    @Test
    void aSecondStartInTheSameJvmLeavesTheRunningServerAlone() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, DATABASE)) {
            long pid = postmasterPid(dataDirectory);
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDirectory, DATABASE))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("still running");
            assertThat(isAlive(pid)).isTrue();
            try (Connection connection = connect(server)) {
                assertThat(string(connection, "select 1::text")).isEqualTo("1");
            }
        }
    }

    @Test
    void idMappingAllowsOneCurrentMappingPerExternalId() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, DATABASE)) {
            migrate(server);
            try (Connection connection = connect(server)) {
                assertThat(string(
                                connection,
                                "select indexdef from pg_indexes"
                                        + " where schemaname = 'public' and indexname = 'id_mapping_current_external'"))
                        .isEqualTo("CREATE UNIQUE INDEX id_mapping_current_external ON public.id_mapping"
                                + " USING btree (integration_id, entity_type, external_id) WHERE (valid_to IS NULL)");
                assertThat(strings(connection, "select indexname from pg_indexes where schemaname = 'public'"))
                        .contains(
                                "id_mapping_history",
                                "api_token_one_bootstrap",
                                "integration_name_per_tenant",
                                "roster_org_by_modified",
                                "roster_academic_session_by_modified",
                                "roster_course_by_modified",
                                "roster_class_by_modified",
                                "roster_user_by_modified",
                                "roster_enrollment_by_modified",
                                "roster_demographics_by_modified",
                                "roster_demographics_by_user",
                                "sync_session_active",
                                "change_journal_by_tenant",
                                "dead_letter_open",
                                "audit_log_by_tenant");
                assertThat(strings(
                                connection,
                                "select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid"
                                        + " where i.indisunique and i.indpred is not null"))
                        .as("the unique partial indexes")
                        .containsExactlyInAnyOrder(
                                "id_mapping_current_external",
                                "api_token_one_bootstrap",
                                "integration_name_per_tenant");

                UUID tenant = UUID.randomUUID();
                UUID integration = UUID.randomUUID();
                UUID otherIntegration = UUID.randomUUID();
                insertTenant(connection, tenant, "mapping");
                insertIntegration(connection, tenant, integration, "SIS");
                insertIntegration(connection, tenant, otherIntegration, "LMS");

                insertMapping(connection, tenant, integration, "user", "ext-1", UUID.randomUUID());
                assertThatThrownBy(() ->
                                insertMapping(connection, tenant, integration, "user", "ext-1", UUID.randomUUID()))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("id_mapping_current_external")
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                                .as("unique_violation")
                                .isEqualTo("23505"));

                // The same external id is another record under another entity type or integration.
                insertMapping(connection, tenant, integration, "class", "ext-1", UUID.randomUUID());
                insertMapping(connection, tenant, otherIntegration, "user", "ext-1", UUID.randomUUID());

                // A remap closes the current row and opens a new one; the closed row stays as history.
                try (Statement close = connection.createStatement()) {
                    assertThat(close.executeUpdate("update id_mapping set valid_to = now() where integration_id = '"
                                    + integration + "' and entity_type = 'user' and external_id = 'ext-1'"
                                    + " and valid_to is null"))
                            .isEqualTo(1);
                }
                insertMapping(connection, tenant, integration, "user", "ext-1", UUID.randomUUID());
                assertThat(string(
                                connection,
                                "select count(*) || '/' || count(*) filter (where valid_to is null) from id_mapping"
                                        + " where integration_id = '" + integration + "' and entity_type = 'user'"
                                        + " and external_id = 'ext-1'"))
                        .as("rows/current rows")
                        .isEqualTo("2/1");
            }
        }
    }

    // --- the child JVM that plays the process killed with kill -9 ---------------------------------

    private static final String READY = "ORPHAN-HOST-READY";

    /** Starts the server, migrates, commits a tenant, says so, and waits to be killed. */
    static final class OrphanHost {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), DATABASE);
            migrate(server);
            try (Connection connection = connect(server)) {
                insertTenant(connection, UUID.fromString(args[1]), "orphaned");
            }
            System.out.println(READY);
            System.out.flush();
            // Never returns normally while the test runs: the test kills this JVM. If the test JVM dies
            // first, stdin ends and this JVM exits, stopping PostgreSQL through zonky's shutdown hook.
            while (System.in.read() >= 0) {
                // keep waiting
            }
            System.exit(0);
        }
    }

    private static Process startOrphanHost(Path dataDirectory, UUID tenant) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process host = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanHost.class.getName(),
                        dataDirectory.toString(),
                        tenant.toString())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader lines =
                            new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            System.out.println("[orphan host] " + line);
                            if (line.equals(READY)) {
                                ready.complete(null);
                            }
                        }
                    } catch (IOException e) {
                        ready.completeExceptionally(e);
                    }
                    ready.completeExceptionally(new IllegalStateException("the orphan host ended before it was ready"));
                },
                "orphan-host-output");
        pump.setDaemon(true);
        pump.start();
        try {
            ready.get(180, TimeUnit.SECONDS);
        } catch (Exception e) {
            host.destroyForcibly();
            host.waitFor(60, TimeUnit.SECONDS);
            throw e;
        }
        return host;
    }

    // --- helpers ---------------------------------------------------------------------------------

    static int migrate(EmbeddedPostgresServer server) {
        return Flyway.configure()
                .dataSource(server.jdbcUrl(DATABASE), server.user(), "")
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /** The migrations the module ships (each helper's V-number adds one). */
    static int migrationFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return (int) files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .count();
        }
    }

    static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(DATABASE), server.user(), "");
    }

    static void insertTenant(Connection connection, UUID id, String slug) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("insert into tenant (id, slug, name) values (?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, slug);
            insert.setString(3, "Tenant " + slug);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    private static void insertIntegration(Connection connection, UUID tenant, UUID id, String name)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into integration (id, tenant_id, name, connector, current_version) values (?, ?, ?, ?, 1)")) {
            insert.setObject(1, id);
            insert.setObject(2, tenant);
            insert.setString(3, name);
            insert.setString(4, "oneroster-csv");
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    private static void insertMapping(
            Connection connection, UUID tenant, UUID integration, String entityType, String externalId, UUID localId)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into id_mapping (tenant_id, entity_type, local_id, integration_id, external_id)"
                        + " values (?, ?, ?, ?, ?)")) {
            insert.setObject(1, tenant);
            insert.setString(2, entityType);
            insert.setObject(3, localId);
            insert.setObject(4, integration);
            insert.setString(5, externalId);
            insert.executeUpdate();
        }
    }

    private static void assertDurableSettings(Connection connection) throws SQLException {
        assertThat(string(connection, "show fsync")).isEqualTo("on");
        assertThat(string(connection, "show synchronous_commit")).isEqualTo("on");
        assertThat(string(connection, "show full_page_writes")).isEqualTo("on");
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static String string(Connection connection, String sql) throws SQLException {
        List<String> values = strings(connection, sql);
        assertThat(values).as(sql).hasSize(1);
        return values.getFirst();
    }

    private static long postmasterPid(Path dataDirectory) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                .getFirst()
                .strip());
    }

    private static int postmasterPort(Path dataDirectory) throws IOException {
        // postmaster.pid: pid, data directory, start time, port, ...
        return Integer.parseInt(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                .get(3)
                .strip());
    }

    private static boolean isAlive(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isPresent() && process.get().isAlive();
    }
}
