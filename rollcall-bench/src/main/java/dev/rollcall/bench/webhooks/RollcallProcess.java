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
import java.util.UUID;

/**
 * Rollcall's own jar started as a separate process, as an operator runs it: embedded PostgreSQL in
 * a fresh data directory (fsync and synchronous commit on, PostgreSQL's defaults), a known admin
 * token, the demo off, logs at WARN. Stopped (and its data removed) by {@link #close()}.
 */
final class RollcallProcess implements AutoCloseable {

    private final Process process;
    private final Path dataDir;
    private final URI base;
    private final String adminToken;

    private RollcallProcess(Process process, Path dataDir, URI base, String adminToken) {
        this.process = process;
        this.dataDir = dataDir;
        this.base = base;
        this.adminToken = adminToken;
    }

    static RollcallProcess start(Path jar, String heap, Duration startTimeout) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build it first (mvn -DskipTests package)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dataDir = Files.createTempDirectory("rollcall-bench-");
        String token = "bench-" + UUID.randomUUID();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-jar",
                jar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--logging.level.root=WARN",
                "--logging.level.dev.rollcall=WARN"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile());
        builder.environment().put("ROLLCALL_DATA_DIR", dataDir.toString());
        builder.environment().put("ROLLCALL_ADMIN_TOKEN", token);
        builder.environment().put("ROLLCALL_DEMO", "false");
        Process process = builder.start();
        RollcallProcess rollcall = new RollcallProcess(process, dataDir, URI.create("http://127.0.0.1:" + port), token);
        rollcall.awaitHealthy(startTimeout);
        return rollcall;
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

    URI base() {
        return base;
    }

    String adminToken() {
        return adminToken;
    }

    Path dataDir() {
        return dataDir;
    }

    Path log() {
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
