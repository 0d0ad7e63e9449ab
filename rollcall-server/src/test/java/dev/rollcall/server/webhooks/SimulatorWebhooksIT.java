package dev.rollcall.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import dev.rollcall.server.support.TenantFixture;
import dev.rollcall.simulator.Simulator;
import dev.rollcall.simulator.data.Scale;
import dev.rollcall.simulator.http.Dialect;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * End to end: the simulator's signed Standard Webhooks reach Rollcall's ingress over real HTTP, the
 * OneRoster connector parses them, and the engine applies the records, so a change made in the
 * simulator shows in Rollcall's roster and change feed without a sync run.
 */
class SimulatorWebhooksIT extends ServerTestSupport {

    private static final Logger log = LoggerFactory.getLogger(SimulatorWebhooksIT.class);

    @Autowired
    JdbcClient jdbc;

    private Simulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = Simulator.start(
                Simulator.Options.defaults().withPort(0).withScale(Scale.SMALL).withDialect(Dialect.TIMEBACK));
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void aChangeInTheSimulatorShowsInRollcallWithoutASyncRun() {
        TenantFixture tenant = new TenantFixture(jdbc);
        Api api = api().withToken(tenant.adminToken);
        Api.Response created = api.post(
                "/api/v1/integrations",
                Map.of(
                        "name",
                        "Webhooks " + UUID.randomUUID(),
                        "connector",
                        "oneroster",
                        "config",
                        Map.of(
                                "profile", "timeback",
                                "baseUrl", simulator.baseUrl().toString(),
                                "tokenUrl", "/oauth2/token",
                                "clientId", "demo",
                                "clientSecret", "demo-secret")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String integration = created.json().get("id").asString();
        runToEnd(api, integration);

        // the simulator's subscription secret is the endpoint's secret, as an operator would paste it
        String secret = "whsec_"
                + java.util.Base64.getEncoder()
                        .encodeToString(UUID.randomUUID().toString().getBytes());
        Api.Response endpoint = api.post(
                "/api/v1/integrations/" + integration + "/webhook-endpoints",
                Map.of("scheme", "standard-webhooks", "secret", secret));
        assertThat(endpoint.status()).as(endpoint.text()).isEqualTo(201);
        String path = java.net.URI.create(endpoint.json().get("url").asString()).getPath();
        simulator.webhooks().subscribe("http://localhost:" + port + path, List.of("*"), secret);
        long sessionsBefore = sessions(integration);
        long feedBefore = feedHead(api);

        long changedAt = System.nanoTime();
        List<String> changed = simulator.roster().update("users", 3);
        String expectedModified = simulator
                .roster()
                .get("users", changed.getFirst())
                .orElseThrow()
                .get("dateLastModified")
                .asString();

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> {
                    String stored = jdbc.sql("""
                            select r.record ->> 'dateLastModified' from id_mapping m join roster_user r on r.id = m.local_id
                            where m.integration_id = :integration and m.external_id = :external and m.valid_to is null
                              and m.entity_type = 'user'
                            """)
                            .param("integration", UUID.fromString(integration))
                            .param("external", changed.getFirst())
                            .query(String.class)
                            .single();
                    assertThat(java.time.Instant.parse(stored)).isEqualTo(java.time.Instant.parse(expectedModified));
                });
        long millis = Duration.ofNanos(System.nanoTime() - changedAt).toMillis();
        log.info("a simulator change reached Rollcall's roster through its webhook in {} ms", millis);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode changes = api.get("/api/v1/changes?after=" + feedBefore + "&limit=100")
                    .json()
                    .get("items");
            assertThat(changes).hasSizeGreaterThanOrEqualTo(3);
        });
        JsonNode events = api.get(
                        "/api/v1/webhooks/" + endpoint.json().get("id").asString() + "/events")
                .json();
        assertThat(events.get("items"))
                .extracting(item -> item.get("status").asString())
                .containsOnly("applied");
        assertThat(sessions(integration) - sessionsBefore)
                .as("webhook sessions only: no sync run was needed")
                .isEqualTo(jdbc.sql("select count(*) from sync_session where integration_id = :id and mode = 'webhook'")
                        .param("id", UUID.fromString(integration))
                        .query(Long.class)
                        .single());
        assertThat(millis).as("end-to-end latency").isLessThan(5_000);
    }

    private long sessions(String integration) {
        return jdbc.sql("select count(*) from sync_session where integration_id = :id")
                .param("id", UUID.fromString(integration))
                .query(Long.class)
                .single();
    }

    private static long feedHead(Api api) {
        long after = 0;
        while (true) {
            JsonNode page =
                    api.get("/api/v1/changes?after=" + after + "&limit=1000").json();
            JsonNode items = page.get("items");
            if (items == null || items.isEmpty()) {
                return after;
            }
            after = Long.parseLong(items.get(items.size() - 1).get("cursor").asString());
        }
    }

    private static void runToEnd(Api api, String integration) {
        Api.Response started = api.post("/api/v1/integrations/" + integration + "/syncs", Map.of("mode", "full"));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String session = started.json().get("id").asString();
        JsonNode done = await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/v1/syncs/" + session).json(), json -> List.of(
                                "succeeded", "failed", "cancelled", "held")
                        .contains(json.path("state").asString()));
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("succeeded");
    }
}
