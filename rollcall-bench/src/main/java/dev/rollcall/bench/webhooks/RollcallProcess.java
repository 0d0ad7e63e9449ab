package dev.rollcall.bench.webhooks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Rollcall's own jar started as a separate process, as an operator runs it: embedded PostgreSQL in
 * a data directory of its own (fsync and synchronous commit on, PostgreSQL's defaults), a known admin
 * token, the demo off, logs at WARN. {@link #kill()} ends it as a crash would; {@link #restart}
 * starts the jar again on the same data; {@link #close()} stops it and removes its data. Used by the
 * benchmarks and by the server's crash tests.
 */
public final class RollcallProcess implements AutoCloseable {

    private static final HttpClient ADMIN = HttpClient.newHttpClient();

    private final Path jar;
    private final String heap;
    private final List<String> arguments;
    private final Process process;
    private final Path dataDir;
    private final URI base;
    private final String adminToken;

    private RollcallProcess(
            Path jar, String heap, List<String> arguments, Process process, Path dataDir, URI base, String adminToken) {
        this.jar = jar;
        this.heap = heap;
        this.arguments = arguments;
        this.process = process;
        this.dataDir = dataDir;
        this.base = base;
        this.adminToken = adminToken;
    }

    /** Starts the jar on a fresh data directory; {@code arguments} are extra {@code --name=value}s. */
    public static RollcallProcess start(Path jar, String heap, Duration startTimeout, String... arguments)
            throws Exception {
        return start(
                jar,
                heap,
                List.of(arguments),
                Files.createTempDirectory("rollcall-process-"),
                "process-" + UUID.randomUUID(),
                startTimeout);
    }

    /** Starts the jar again on this process's data directory, with the same token and arguments. */
    public RollcallProcess restart(Duration startTimeout) throws Exception {
        if (process.isAlive()) {
            throw new IllegalStateException("Rollcall is still running; kill() or close() it first");
        }
        return start(jar, heap, arguments, dataDir, adminToken, startTimeout);
    }

    private static RollcallProcess start(
            Path jar, String heap, List<String> arguments, Path dataDir, String token, Duration startTimeout)
            throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build it first (mvn -DskipTests package)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
        // e.g. -Drollcall.process.jvm-options=-XX:StartFlightRecording=filename=/tmp/rollcall.jfr to profile it
        String jvmOptions =
                System.getProperty("rollcall.process.jvm-options", "").strip();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.addAll(List.of(
                "-jar",
                jar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--logging.level.root=WARN",
                "--logging.level.dev.rollcall=WARN"));
        command.addAll(arguments);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("ROLLCALL_DATA_DIR", dataDir.toString());
        builder.environment().put("ROLLCALL_ADMIN_TOKEN", token);
        builder.environment().put("ROLLCALL_DEMO", "false");
        Process process = builder.start();
        RollcallProcess rollcall = new RollcallProcess(
                jar, heap, arguments, process, dataDir, URI.create("http://127.0.0.1:" + port), token);
        try {
            rollcall.awaitHealthy(startTimeout);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
        return rollcall;
    }

    /**
     * Ends Rollcall as a power cut would: SIGKILL to its JVM and to its embedded PostgreSQL (the
     * postmaster and every backend), nothing flushed or shut down. Returns when all are gone.
     */
    public void kill() throws Exception {
        Optional<ProcessHandle> postmaster = postmaster();
        process.destroyForcibly();
        process.waitFor();
        if (postmaster.isPresent()) {
            List<ProcessHandle> tree =
                    new ArrayList<>(postmaster.get().descendants().toList());
            tree.add(postmaster.get());
            tree.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle handle : tree) {
                handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    private Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    /** CPU time used so far by Rollcall's JVM. */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** CPU time used so far by its embedded PostgreSQL's running processes (postmaster and backends). */
    public Duration databaseCpuTime() throws IOException {
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isEmpty()) {
            return Duration.ZERO;
        }
        Duration total = postmaster.get().info().totalCpuDuration().orElse(Duration.ZERO);
        for (ProcessHandle child : postmaster.get().descendants().toList()) {
            total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }

    /**
     * POSTs JSON to the admin API with the admin token; the answer's body.
     *
     * @throws IllegalStateException when the status is not {@code expectedStatus}
     */
    public String adminPost(String path, String json, int expectedStatus) throws Exception {
        HttpResponse<String> response = ADMIN.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "Bearer " + adminToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(
                    "POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** A JDBC URL for the process's embedded database (user {@code postgres}, no password). */
    public String jdbcUrl() throws IOException {
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        return "jdbc:postgresql://localhost:" + pid.get(3).strip() + "/rollcall";
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Rollcall exited with " + process.exitValue() + "; see " + log());
            }
            try {
                HttpResponse<String> health = client.send(
                        HttpRequest.newBuilder(base.resolve("/actuator/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250); // polling a child process's start; not a test
        }
        throw new IllegalStateException("Rollcall did not become healthy within " + timeout + "; see " + log());
    }

    public URI base() {
        return base;
    }

    public String adminToken() {
        return adminToken;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path log() {
        return dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
