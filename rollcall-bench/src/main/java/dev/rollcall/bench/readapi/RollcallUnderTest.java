package dev.rollcall.bench.readapi;

import dev.rollcall.store.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Rollcall server to measure: an embedded PostgreSQL in {@code <work>/postgres} and the server jar
 * started as a child process against it (as production runs it: {@code ROLLCALL_DATABASE_URL}),
 * with a known admin token. Rows are loaded with COPY straight into its tables. {@link #close()}
 * stops the server process and the database.
 */
final class RollcallUnderTest implements AutoCloseable {

    static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final String ADMIN_TOKEN = "bench-admin-token-" + UUID.randomUUID();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final EmbeddedPostgresServer postgres;
    private final Process server;
    final String baseUrl;

    private RollcallUnderTest(EmbeddedPostgresServer postgres, Process server, String baseUrl) {
        this.postgres = postgres;
        this.server = server;
        this.baseUrl = baseUrl;
    }

    static RollcallUnderTest start(Path work, Path serverJar, String heap) throws IOException, InterruptedException {
        if (!Files.isRegularFile(serverJar)) {
            throw new IOException("the server jar " + serverJar.toAbsolutePath()
                    + " is not there; build it first (mvn -pl rollcall-server -am package -DskipTests)");
        }
        Files.createDirectories(work);
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(work.resolve("postgres"), "rollcall");
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                        java, "-Xmx" + heap, "-jar", serverJar.toAbsolutePath().toString(), "--server.port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("server.log").toFile());
        builder.environment().put("ROLLCALL_DATABASE_URL", postgres.jdbcUrl("rollcall"));
        builder.environment().put("ROLLCALL_DATABASE_USER", postgres.user());
        builder.environment().put("ROLLCALL_DATABASE_PASSWORD", "");
        builder.environment().put("ROLLCALL_ADMIN_TOKEN", ADMIN_TOKEN);
        builder.environment().put("ROLLCALL_DATA_DIR", work.resolve("data").toString());
        Process server = builder.start();
        RollcallUnderTest rollcall = new RollcallUnderTest(postgres, server, "http://localhost:" + port);
        try {
            rollcall.awaitHealthy(work.resolve("server.log"));
        } catch (IOException | RuntimeException e) {
            rollcall.close();
            throw e;
        }
        return rollcall;
    }

    private void awaitHealthy(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException("the server stopped at start; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IOException("the server was not healthy within 120 s; see " + log);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("rollcall"), postgres.user(), "");
    }

    /** COPY (CSV) of {@code rows} into {@code table (columns)}. */
    void copy(String table, String columns, CharSequence rows) throws SQLException, IOException {
        try (Connection connection = connect()) {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "copy " + table + " (" + columns + ") from stdin with (format csv)",
                            new java.io.StringReader(rows.toString()));
            try (var analyze = connection.createStatement()) {
                analyze.execute("analyze " + table);
            }
        }
    }

    /** Sends a request with the admin token; fails unless it answers {@code expected}. */
    JsonNode admin(String method, String path, String body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** An OAuth client with the roster scope, and a token of it. */
    String oneRosterToken() throws IOException, InterruptedException {
        JsonNode client =
                admin("POST", "/api/v1/oauth-clients", "{\"name\":\"bench\",\"scopes\":[\"roster.readonly\"]}", 201);
        String credentials = client.get("clientId").asString() + ":"
                + client.get("clientSecret").asString();
        HttpResponse<String> token = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new IOException("/oauth2/token answered " + token.statusCode() + ": " + token.body());
        }
        return JSON.readTree(token.body()).get("access_token").asString();
    }

    String adminToken() {
        return ADMIN_TOKEN;
    }

    @Override
    public void close() {
        server.destroy();
        try {
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
        }
        postgres.close();
    }
}
