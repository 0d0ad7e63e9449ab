package dev.rollcall.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import dev.rollcall.server.support.TenantFixture;
import dev.rollcall.simulator.Simulator;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The demo's setup against a real simulator, in a tenant of its own (the shared test context runs
 * with {@code rollcall.demo=false}, so the server's own demo never starts here): a first start
 * creates the integration and syncs the whole small district; a restart reuses it and writes nothing;
 * a restart whose simulator got another port points the integration at it.
 */
class DemoIT extends ServerTestSupport {

    @Autowired
    DemoRoster demo;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFirstStartSyncsTheSimulatorAndRestartsReuseTheIntegration() {
        TenantFixture tenant = new TenantFixture(jdbc);
        Api api = api().withToken(tenant.adminToken);
        try (Simulator simulator = DemoSimulator.start(0)) {
            DemoRoster.Outcome first = demo.setUp(tenant.tenantId, simulator.baseUrl());
            assertThat(first.action()).isEqualTo(DemoRoster.Action.CREATED);
            assertThat(first.session()).as(first.notStarted()).isNotNull();
            JsonNode done = awaitEnd(api, first.session().id());
            assertThat(done.path("stats").path("users").path("created").asLong())
                    .isEqualTo(simulator.roster().size("users"));
            assertThat(done.path("stats").path("enrollments").path("created").asLong())
                    .isEqualTo(simulator.roster().size("enrollments"));
            assertThat(activeUsers(tenant.tenantId))
                    .isEqualTo(simulator.roster().size("users"));
            JsonNode integration =
                    api.get("/api/v1/integrations/" + first.integrationId()).json();
            assertThat(integration.path("name").asString()).isEqualTo(DemoRoster.INTEGRATION_NAME);
            assertThat(integration.path("config").path("profile").asString()).isEqualTo("timeback");
            assertThat(integration.path("config").path("clientSecret").asString())
                    .isNotEqualTo("demo-secret");

            DemoRoster.Outcome again = demo.setUp(tenant.tenantId, simulator.baseUrl());
            assertThat(again.action()).isEqualTo(DemoRoster.Action.REUSED);
            assertThat(again.integrationId()).isEqualTo(first.integrationId());
            assertThat(again.session()).isNotNull();
            assertNothingWritten(awaitEnd(api, again.session().id()));
        }
        try (Simulator elsewhere = DemoSimulator.start(0)) {
            DemoRoster.Outcome moved = demo.setUp(tenant.tenantId, elsewhere.baseUrl());
            assertThat(moved.action()).isEqualTo(DemoRoster.Action.REPOINTED);
            assertThat(moved.session()).isNotNull();
            assertNothingWritten(awaitEnd(api, moved.session().id()));
            assertThat(api.get("/api/v1/integrations/" + moved.integrationId())
                            .json()
                            .path("config")
                            .path("baseUrl")
                            .asString())
                    .isEqualTo(elsewhere.baseUrl().toString());
        }
        assertThat(api.get("/api/v1/integrations").json().path("items").size())
                .as("one demo integration however often it starts")
                .isEqualTo(1);
        List<String> actors = jdbc.sql("select distinct actor from audit_log where tenant_id = :tenant")
                .param("tenant", tenant.tenantId)
                .query(String.class)
                .list();
        assertThat(actors).singleElement().asString().startsWith("token:demo");
    }

    private static JsonNode awaitEnd(Api api, UUID session) {
        JsonNode done = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/v1/syncs/" + session).json(), json -> List.of(
                                "succeeded", "failed", "cancelled", "held")
                        .contains(json.path("state").asString()));
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("succeeded");
        return done;
    }

    private static void assertNothingWritten(JsonNode session) {
        session.path("stats").properties().forEach(entity -> assertThat(List.of(
                        entity.getValue().path("created").asLong(),
                        entity.getValue().path("updated").asLong(),
                        entity.getValue().path("deleted").asLong()))
                .as(entity.getKey())
                .containsOnly(0L));
    }

    private long activeUsers(UUID tenant) {
        return jdbc.sql("select count(*) from roster_user where tenant_id = :tenant and status = 'active'")
                .param("tenant", tenant)
                .query(Long.class)
                .single();
    }
}
