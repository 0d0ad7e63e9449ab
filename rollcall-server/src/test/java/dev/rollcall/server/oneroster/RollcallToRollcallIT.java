package dev.rollcall.server.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import dev.rollcall.server.support.TenantFixture;
import dev.rollcall.simulator.Simulator;
import dev.rollcall.simulator.data.Scale;
import dev.rollcall.simulator.http.Dialect;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rollcall → Rollcall: tenant A syncs the simulator; tenant B syncs tenant A through Rollcall's own
 * OneRoster 1.2 API with the OneRoster connector (an OAuth client of A, over real HTTP). B's roster
 * must equal A's record for record: B's external ids are A's ids, and every record, with its
 * references mapped through B's ledger, is A's record.
 */
class RollcallToRollcallIT extends ServerTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<EntityType, String[]> TABLES = Map.of(
            EntityType.ORG, new String[] {"roster_org", "org"},
            EntityType.ACADEMIC_SESSION, new String[] {"roster_academic_session", "academicSession"},
            EntityType.COURSE, new String[] {"roster_course", "course"},
            EntityType.CLASS, new String[] {"roster_class", "class"},
            EntityType.USER, new String[] {"roster_user", "user"},
            EntityType.ENROLLMENT, new String[] {"roster_enrollment", "enrollment"},
            EntityType.DEMOGRAPHICS, new String[] {"roster_demographics", "demographics"});

    @Autowired
    JdbcClient jdbc;

    private Simulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = Simulator.start(
                Simulator.Options.defaults().withPort(0).withScale(Scale.SMALL).withDialect(Dialect.STANDARD));
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void aRosterSyncedFromRollcallsOwnApiEqualsTheOriginal() {
        TenantFixture a = new TenantFixture(jdbc);
        Api apiA = api().withToken(a.adminToken);
        String fromSimulator =
                createIntegration(apiA, "oneroster-1.2", simulator.baseUrl().toString(), "demo", "demo-secret");
        runToEnd(apiA, fromSimulator);

        JsonNode client = apiA.post(
                        "/api/v1/oauth-clients", Map.of("name", "tenant B", "scopes", List.of("roster.readonly")))
                .json();
        TenantFixture b = new TenantFixture(jdbc);
        Api apiB = api().withToken(b.adminToken);
        String fromRollcall = createIntegration(
                apiB,
                "oneroster-1.2",
                "http://localhost:" + port,
                client.get("clientId").asString(),
                client.get("clientSecret").asString());
        runToEnd(apiB, fromRollcall);

        for (EntityType type : EntityType.values()) {
            Map<String, JsonNode> original = records(a.tenantId, type, null);
            Map<String, JsonNode> copy = records(b.tenantId, type, UUID.fromString(fromRollcall));
            assertThat(copy.keySet())
                    .as("%s: B's external ids are A's ids", type.collection())
                    .isEqualTo(original.keySet());
            original.forEach((id, record) ->
                    assertThat(copy.get(id)).as("%s %s", type.collection(), id).isEqualTo(record));
        }
    }

    /**
     * The tenant's records of one entity by id, without the fields a copy legitimately differs in
     * ({@code dateLastModified}: the served one is when Rollcall changed it; {@code href}s). With an
     * integration, keyed by external id and with every local id inside mapped to its external id.
     */
    private Map<String, JsonNode> records(UUID tenant, EntityType type, UUID integration) {
        Map<String, String> external = new HashMap<>();
        if (integration != null) {
            jdbc.sql(
                            "select local_id::text, external_id from id_mapping where integration_id = :i and valid_to is null")
                    .param("i", integration)
                    .query((rs, row) -> external.put(rs.getString(1), rs.getString(2)))
                    .list();
        }
        Map<String, JsonNode> records = new HashMap<>();
        jdbc.sql("select id::text, record::text from " + TABLES.get(type)[0] + " where tenant_id = :t")
                .param("t", tenant)
                .query((rs, row) -> {
                    JsonNode record = normalise(JSON.readTree(rs.getString(2)), external);
                    records.put(external.getOrDefault(rs.getString(1), rs.getString(1)), record);
                    return null;
                })
                .list();
        return records;
    }

    private static JsonNode normalise(JsonNode node, Map<String, String> external) {
        if (node instanceof ObjectNode object) {
            object.remove("dateLastModified");
            object.remove("href");
            object.propertyNames().forEach(name -> {
                JsonNode value = object.get(name);
                if (name.equals("sourcedId") && value.isString()) {
                    object.put(name, external.getOrDefault(value.stringValue(), value.stringValue()));
                } else {
                    normalise(value, external);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> normalise(item, external));
        }
        return node;
    }

    private static String createIntegration(Api api, String profile, String baseUrl, String id, String secret) {
        Api.Response created = api.post(
                "/api/v1/integrations",
                Map.of(
                        "name",
                        "OneRoster " + UUID.randomUUID(),
                        "connector",
                        "oneroster",
                        "config",
                        Map.of(
                                "profile", profile,
                                "baseUrl", baseUrl,
                                "tokenUrl", "/oauth2/token",
                                "clientId", id,
                                "clientSecret", secret)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private static void runToEnd(Api api, String integration) {
        Api.Response started = api.post("/api/v1/integrations/" + integration + "/syncs", Map.of("mode", "full"));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String session = started.json().get("id").asString();
        JsonNode done = await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/v1/syncs/" + session).json(), json -> List.of(
                                "succeeded", "failed", "cancelled", "held")
                        .contains(json.path("state").asString()));
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("succeeded");
    }
}
