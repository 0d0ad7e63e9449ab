package dev.rollcall.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollcall.engine.sync.FakeConnector;
import dev.rollcall.server.testconnector.TestRosters;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Integrations of the test connector over in-memory upstreams, and their syncs, through the real API. */
public final class TestIntegrations {

    private static final List<String> FINAL = List.of("succeeded", "failed", "cancelled", "held");

    private TestIntegrations() {}

    /** Creates an integration named {@code name} whose upstream is {@code roster}; returns its id. */
    public static String serving(Api api, String name, FakeConnector roster) {
        String baseUrl = "https://roster.test/" + UUID.randomUUID();
        TestRosters.serve(baseUrl, roster);
        Api.Response created = api.post(
                "/api/v1/integrations",
                Map.of(
                        "name",
                        name,
                        "connector",
                        "test",
                        "config",
                        Map.of("apiKey", "k-" + UUID.randomUUID(), "baseUrl", baseUrl)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** Runs a full sync and waits until it ends; returns the finished session. */
    public static JsonNode syncFully(Api api, String integration) {
        Api.Response started = api.post("/api/v1/integrations/" + integration + "/syncs", Map.of("mode", "full"));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String session = started.json().path("id").asString();
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> api.get("/api/v1/syncs/" + session).json(),
                        json -> FINAL.contains(json.path("state").asString()));
    }
}
