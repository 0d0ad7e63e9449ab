package dev.rollcall.server.sync;

import static dev.rollcall.engine.sync.Records.T0;
import static dev.rollcall.engine.sync.Records.course;
import static dev.rollcall.engine.sync.Records.district;
import static dev.rollcall.engine.sync.Records.enrollment;
import static dev.rollcall.engine.sync.Records.rosterClass;
import static dev.rollcall.engine.sync.Records.school;
import static dev.rollcall.engine.sync.Records.term;
import static dev.rollcall.engine.sync.Records.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.engine.sync.FakeConnector;
import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import dev.rollcall.server.testconnector.TestRosters;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The sync sessions API over real HTTP, with runs executed by db-scheduler on the embedded PostgreSQL. */
class SyncApiIT extends ServerTestSupport {

    @Autowired
    JdbcClient jdbc;

    private static FakeConnector sampleDistrict() {
        return new FakeConnector()
                .put(district("d1", T0), school("s1", "d1", T0), school("s2", "d1", T0))
                .put(term("t1", T0))
                .put(course("c1", "d1", T0))
                .put(rosterClass("k1", "c1", "s1", "t1", T0), rosterClass("k2", "c1", "s2", "t1", T0))
                .put(user("u1", "s1", "u1@example.org", T0), user("u2", "s1", "u2@example.org", T0))
                .put(user("u3", "s2", "u3@example.org", T0))
                .put(enrollment("e1", "u1", "k1", "s1", T0), enrollment("e2", "u2", "k1", "s1", T0))
                .put(enrollment("e3", "u3", "k2", "s2", T0), enrollment("e4", "u1", "k2", "s2", T0));
    }

    /** Creates an integration of the test connector whose upstream is {@code roster}; returns its id. */
    private String integrationServing(FakeConnector roster) {
        String baseUrl = "https://roster.test/" + UUID.randomUUID();
        TestRosters.serve(baseUrl, roster);
        return createIntegration(baseUrl);
    }

    private String createIntegration(String baseUrl) {
        Api.Response created = api().post(
                        "/api/v1/integrations",
                        Map.of(
                                "name",
                                "SIS " + UUID.randomUUID(),
                                "connector",
                                "test",
                                "config",
                                Map.of("apiKey", "k-" + UUID.randomUUID(), "baseUrl", baseUrl)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private String start(String integration, Object body) {
        Api.Response started = api().post("/api/v1/integrations/" + integration + "/syncs", body);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        assertThat(started.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .endsWith("/api/v1/syncs/" + started.json().path("id").asString()));
        return started.json().path("id").asString();
    }

    private static final List<String> FINAL = List.of("succeeded", "failed", "cancelled", "held");

    /** Polls the session until it is in {@code state}; fails at once when it ends in another. */
    private JsonNode awaitState(String session, String state) {
        JsonNode last = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api().get("/api/v1/syncs/" + session).json(), json -> {
                    String now = json.path("state").asString();
                    return now.equals(state) || FINAL.contains(now);
                });
        assertThat(last.path("state").asString()).as(last.toString()).isEqualTo(state);
        return last;
    }

    private long mapped(String integration, String entityType, String status) {
        return jdbc.sql("""
                        select count(*) from id_mapping m join roster_user u on u.id = m.local_id
                        where m.integration_id = cast(:integration as uuid) and m.entity_type = :type
                          and u.status = :status""")
                .param("integration", integration)
                .param("type", entityType)
                .param("status", status)
                .query(Long.class)
                .single();
    }

    @Test
    void aFullSyncRunsAsAJobAndReportsItsSession() {
        String integration = integrationServing(sampleDistrict());

        String session = start(integration, Map.of("mode", "full"));
        JsonNode done = awaitState(session, "succeeded");

        assertThat(done.path("id").asString()).isEqualTo(session);
        assertThat(done.path("mode").asString()).isEqualTo("full");
        assertThat(done.path("stage").asString()).isEqualTo("applied");
        assertThat(done.path("startedAt").isString()).isTrue();
        assertThat(done.path("finishedAt").isString()).isTrue();
        assertThat(done.path("errors").isArray()).isTrue();
        JsonNode users = done.path("stats").path("users");
        assertThat(List.of("read", "created", "updated", "unchanged", "deleted", "errors"))
                .allSatisfy(field -> assertThat(users.has(field)).as(field).isTrue());
        assertThat(users.path("created").asInt()).isEqualTo(3);
        assertThat(done.path("stats").path("enrollments").path("created").asInt())
                .isEqualTo(4);
        assertThat(mapped(integration, "user", "active")).isEqualTo(3);

        Api.Response list = api().get("/api/v1/integrations/" + integration + "/syncs");
        assertThat(list.json().path("items").findValuesAsString("id")).contains(session);

        // A second run over the same upstream changes nothing.
        JsonNode again = awaitState(start(integration, Map.of("mode", "full")), "succeeded");
        assertThat(again.path("stats").path("users").path("unchanged").asInt()).isEqualTo(3);
        assertThat(again.path("stats").path("users").path("created").asInt()).isZero();

        List<String> actions = jdbc.sql("select action from audit_log where target_id = :id")
                .param("id", session)
                .query(String.class)
                .list();
        assertThat(actions).containsExactly("sync.requested");
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        String integration = integrationServing(sampleDistrict());

        Api.Response bad = api().post(
                        "/api/v1/integrations/" + integration + "/syncs",
                        Map.of("mode", "sometimes", "streams", List.of("users", "pets")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().path("errors").findValuesAsString("field")).containsExactly("mode", "streams[1]");
        assertThat(bad.text()).contains("'pets' is not a stream of connector 'test'");

        Api.Response missing = api().post("/api/v1/integrations/" + UUID.randomUUID() + "/syncs", Map.of());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(api().get("/api/v1/syncs/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(anonymous().get("/api/v1/syncs/" + UUID.randomUUID()).status())
                .isEqualTo(401);
    }

    @Test
    void oneIntegrationRunsOnceAtATimeAndARunningSessionCanBeCancelled() {
        String baseUrl = "https://roster.test/" + UUID.randomUUID();
        Semaphore gate = new Semaphore(2);
        TestRosters.serveGated(baseUrl, sampleDistrict(), gate);
        String integration = createIntegration(baseUrl);

        String session = start(integration, Map.of("mode", "full"));
        awaitState(session, "running");

        Api.Response second = api().post("/api/v1/integrations/" + integration + "/syncs", Map.of("mode", "full"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("detail").asString()).contains(session);

        Api.Response cancel = api().post("/api/v1/syncs/" + session + "/cancel", null);
        assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);
        gate.release(100);
        JsonNode cancelled = awaitState(session, "cancelled");
        assertThat(cancelled.path("errors").get(0).path("message").asString()).isEqualTo("cancelled");
        assertThat(mapped(integration, "user", "active")).isZero();

        Api.Response again = api().post("/api/v1/syncs/" + session + "/cancel", null);
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void aMassChangeIsHeldShowsWhatWouldChangeAndIsAppliedOnlyOnApproval() {
        FakeConnector upstream = sampleDistrict();
        String integration = integrationServing(upstream);
        Api.Response schedule = api().put(
                        "/api/v1/integrations/" + integration + "/sync-schedule",
                        Map.of("settings", Map.of("massChangeShare", 0.2, "massChangeMinimum", 1)));
        assertThat(schedule.status()).as(schedule.text()).isEqualTo(200);
        awaitState(start(integration, Map.of("mode", "full")), "succeeded");

        synchronized (upstream) {
            upstream.remove(EntityType.USER, "u1").remove(EntityType.USER, "u2");
        }
        String held = start(integration, Map.of("mode", "full"));
        JsonNode session = awaitState(held, "held");
        assertThat(session.path("guard").path("held").asBoolean()).isTrue();
        assertThat(session.path("errors").get(0).path("message").asString())
                .contains("users: 2 of 3 active records (66.7%)");
        assertThat(mapped(integration, "user", "active")).as("nothing applied").isEqualTo(3);

        Api.Response changes = api().get("/api/v1/syncs/" + held + "/changes");
        assertThat(changes.json().path("total").asLong()).isEqualTo(2);
        assertThat(changes.json().path("items").findValuesAsString("externalId"))
                .containsExactly("u1", "u2");
        assertThat(changes.json().path("items").findValuesAsString("operation")).containsOnly("deleted");

        Api.Response blocked = api().post("/api/v1/integrations/" + integration + "/syncs", Map.of());
        assertThat(blocked.status()).as("a held session blocks new runs").isEqualTo(409);

        Api.Response approved = api().post("/api/v1/syncs/" + held + "/approve", null);
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.json().path("state").asString()).isEqualTo("succeeded");
        assertThat(mapped(integration, "user", "tobedeleted")).isEqualTo(2);
        assertThat(api().post("/api/v1/syncs/" + held + "/approve", null).status())
                .isEqualTo(409);
    }

    @Test
    void aRejectedHoldAndADryRunLeaveTheRosterAlone() {
        FakeConnector upstream = sampleDistrict();
        String integration = integrationServing(upstream);

        String dry = start(integration, Map.of("mode", "full", "dryRun", true));
        JsonNode dryRun = awaitState(dry, "succeeded");
        assertThat(dryRun.path("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.path("stats").path("users").path("created").asInt()).isEqualTo(3);
        assertThat(mapped(integration, "user", "active")).isZero();
        assertThat(api().get("/api/v1/syncs/" + dry + "/changes")
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(14);

        api().put(
                        "/api/v1/integrations/" + integration + "/sync-schedule",
                        Map.of("settings", Map.of("massChangeMinimum", 1)));
        awaitState(start(integration, Map.of("mode", "full")), "succeeded");
        synchronized (upstream) {
            upstream.remove(EntityType.ENROLLMENT, "e1").remove(EntityType.ENROLLMENT, "e2");
        }
        String held = start(integration, Map.of("mode", "full", "streams", List.of("enrollments")));
        awaitState(held, "held");

        Api.Response rejected = api().post("/api/v1/syncs/" + held + "/reject", null);
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
        assertThat(rejected.json().path("state").asString()).isEqualTo("cancelled");
        assertThat(jdbc.sql("select count(*) from roster_enrollment e join id_mapping m on m.local_id = e.id"
                                + " where m.integration_id = cast(:i as uuid) and e.status = 'active'")
                        .param("i", integration)
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
    }

    @Test
    void schedulesAreValidatedPausedAndResumed() {
        String integration = integrationServing(sampleDistrict());
        String path = "/api/v1/integrations/" + integration + "/sync-schedule";

        Api.Response bad = api().put(
                        path,
                        Map.of(
                                "cron",
                                "every tuesday",
                                "mode",
                                "often",
                                "settings",
                                Map.of("massChangeShare", 3, "naturalKeys", Map.of("classes", "email"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("cron", "mode", "settings.massChangeShare", "settings.naturalKeys");

        Api.Response ok = api().put(path, Map.of("intervalSeconds", 3600, "mode", "delta"));
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(ok.json().path("nextRunAt").isString()).isTrue();

        Api.Response paused = api().post(path + "/pause", null);
        assertThat(paused.json().path("paused").asBoolean()).isTrue();
        assertThat(paused.json().path("nextRunAt").isNull()).isTrue();
        Api.Response resumed = api().post(path + "/resume", null);
        assertThat(resumed.json().path("paused").asBoolean()).isFalse();
        assertThat(resumed.json().path("nextRunAt").isString()).isTrue();
    }
}
