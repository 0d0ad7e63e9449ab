package dev.rollcall.server.sync;

import static dev.rollcall.engine.sync.Records.T0;
import static dev.rollcall.engine.sync.Records.district;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.engine.sync.FakeConnector;
import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import dev.rollcall.server.support.TenantFixture;
import dev.rollcall.server.support.TestIntegrations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The sessions history with filters: per integration, and tenant-wide with keyset paging. */
class SessionSearchIT extends ServerTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void sessionsAreFilteredByIntegrationStateAndModeAndPagedNewestFirst() {
        String integration = TestIntegrations.serving(
                api(), "Sessions " + UUID.randomUUID(), new FakeConnector().put(district("d1", T0)));
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(TestIntegrations.syncFully(api(), integration).path("id").asString());
        }
        Api.Response dry =
                api().post("/api/v1/integrations/" + integration + "/syncs", Map.of("mode", "delta", "dryRun", true));
        assertThat(dry.status()).isEqualTo(202);

        List<String> seen = new ArrayList<>();
        String before = null;
        do {
            Api.Response response = api().get("/api/v1/syncs?integrationId=" + integration + "&mode=full&limit=2"
                    + (before == null ? "" : "&before=" + before));
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            JsonNode page = response.json();
            page.path("items").forEach(item -> seen.add(item.path("id").asString()));
            before = page.path("next").isNull() ? null : page.path("next").asString();
        } while (before != null);
        assertThat(seen).containsExactlyElementsOf(runs.reversed());

        assertThat(api().get("/api/v1/syncs?integrationId=" + integration + "&state=succeeded&mode=full")
                        .json()
                        .path("items")
                        .findValuesAsString("state"))
                .containsOnly("succeeded")
                .hasSize(3);
        assertThat(api().get("/api/v1/integrations/" + integration + "/syncs?mode=full")
                        .json()
                        .path("items")
                        .findValuesAsString("id"))
                .containsExactlyElementsOf(runs.reversed());
        assertThat(api().get("/api/v1/syncs?integrationId=" + integration + "&state=cancelled")
                        .json()
                        .path("items"))
                .isEmpty();
        assertThat(api().withToken(new TenantFixture(jdbc).adminToken)
                        .get("/api/v1/syncs?integrationId=" + integration)
                        .json()
                        .path("items"))
                .isEmpty();
    }

    @Test
    void badFiltersAreProblemsNamingTheParameter() {
        Map<String, String> cases = Map.of(
                "/api/v1/syncs?state=done",
                "state",
                "/api/v1/syncs?mode=fast",
                "mode",
                "/api/v1/syncs?limit=0",
                "limit",
                "/api/v1/syncs?before=%21",
                "before",
                "/api/v1/integrations/" + UUID.randomUUID() + "/syncs?state=done",
                "state");
        cases.forEach((path, field) -> {
            Api.Response response = api().get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.json().path("errors").findValuesAsString("field"))
                    .as(path)
                    .containsExactly(field);
        });
    }
}
