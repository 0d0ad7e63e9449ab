package dev.rollcall.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The connection doctor over real HTTP: the server opens the connector with the integration's
 * gateway, which talks to a local fake upstream (an OAuth 2.0 token endpoint and an API).
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionCheckIT extends ServerTestSupport {

    private static final String GOOD_SECRET = "probe-secret-GOOD-0123";
    private static final String BAD_SECRET = "probe-secret-WRONG-9876";
    private static HttpServer upstream;
    private static final AtomicInteger tokenRequests = new AtomicInteger();
    private static final List<String> correlationIds = new CopyOnWriteArrayList<>();

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/token", exchange -> {
            tokenRequests.incrementAndGet();
            String expected = "Basic "
                    + Base64.getEncoder().encodeToString(("probe:" + GOOD_SECRET).getBytes(StandardCharsets.UTF_8));
            if (expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 200, "{\"access_token\":\"t-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
            } else {
                send(exchange, 401, "{\"error\":\"invalid_client\"}");
            }
        });
        upstream.createContext("/api/orgs", exchange -> {
            correlationIds.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Correlation-Id")));
            boolean authorized =
                    "Bearer t-1".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            send(exchange, authorized ? 200 : 401, "{\"orgs\":[]}");
        });
        upstream.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.stop(0);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + upstream.getAddress().getPort();
    }

    private static Map<String, Object> config(String secret) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("clientSecret", secret);
        config.put("baseUrl", base() + "/api/");
        config.put("tokenUrl", base() + "/token");
        config.put("clientId", "probe");
        return config;
    }

    private String createIntegration(String name, String secret) {
        Api.Response created = api().post(
                        "/api/v1/integrations",
                        Map.of("name", name, "connector", GatewayProbeConnectorFactory.TYPE, "config", config(secret)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    @Test
    void checksAStoredIntegrationThroughItsKeptGatewayAndAuditsTheCredentialUse() {
        String id = createIntegration("probe-good-" + UUID.randomUUID(), GOOD_SECRET);
        int tokensBefore = tokenRequests.get();

        Api.Response first = api().post("/api/v1/integrations/" + id + "/check", null);
        Api.Response second = api().post("/api/v1/integrations/" + id + "/check", null);

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        JsonNode result = first.json();
        assertThat(result.path("status").asString()).isEqualTo("OK");
        assertThat(names(result)).containsExactly("token", "orgs");
        assertThat(second.json().path("status").asString()).isEqualTo("OK");
        // one client stack per integration, kept across runs: the cached token served the second check
        assertThat(tokenRequests.get() - tokensBefore).isEqualTo(1);
        assertThat(correlationIds).isNotEmpty().doesNotContain("null");
        List<String> actions = jdbc.sql(
                        "select action from audit_log where target_type = 'integration' and target_id = :id order by id")
                .param("id", id)
                .query(String.class)
                .list();
        assertThat(actions).containsSubsequence("integration.created", "credentials.used", "credentials.used");
    }

    @Test
    void checksAnUnsavedConfigurationAndExplainsRejectedCredentialsWithoutTheSecret(CapturedOutput output) {
        Api.Response response = api().post(
                        "/api/v1/connectors/" + GatewayProbeConnectorFactory.TYPE + "/check",
                        Map.of("config", config(BAD_SECRET)));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.path("status").asString()).isEqualTo("FAILED");
        JsonNode token = result.path("findings").get(0);
        assertThat(token.path("name").asString()).isEqualTo("token");
        assertThat(token.path("status").asString()).isEqualTo("FAILED");
        assertThat(token.path("message").asString()).contains("rejected the client credentials");
        assertThat(response.text()).doesNotContain(BAD_SECRET);
        assertThat(output.getAll()).doesNotContain(BAD_SECRET).doesNotContain(GOOD_SECRET);
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'credentials.used' and target_type = 'connector'"
                                        + " and target_id = :type")
                        .param("type", GatewayProbeConnectorFactory.TYPE)
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void anInvalidUnsavedConfigurationIsA400ListingEveryFieldProblem() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tokenUrl", "not a url");
        config.put("requestsPerSecond", 0);

        Api.Response response = api().post(
                        "/api/v1/connectors/" + GatewayProbeConnectorFactory.TYPE + "/check", Map.of("config", config));

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.contentType()).contains("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json()
                .path("errors")
                .forEach(error -> fields.add(error.path("field").asString()));
        assertThat(fields)
                .contains(
                        "config.baseUrl",
                        "config.tokenUrl",
                        "config.clientId",
                        "config.clientSecret",
                        "config.requestsPerSecond");
    }

    @Test
    void unknownIntegrationsAndConnectorsAre404AndAnonymousCallersAre401() {
        assertThat(api().post("/api/v1/integrations/" + UUID.randomUUID() + "/check", null)
                        .status())
                .isEqualTo(404);
        assertThat(api().post("/api/v1/connectors/no-such-connector/check", Map.of("config", Map.of()))
                        .status())
                .isEqualTo(404);
        assertThat(anonymous()
                        .post("/api/v1/connectors/" + GatewayProbeConnectorFactory.TYPE + "/check", Map.of())
                        .status())
                .isEqualTo(401);
    }

    private static List<String> names(JsonNode result) {
        List<String> names = new ArrayList<>();
        result.path("findings")
                .forEach(finding -> names.add(finding.path("name").asString()));
        return names;
    }
}
