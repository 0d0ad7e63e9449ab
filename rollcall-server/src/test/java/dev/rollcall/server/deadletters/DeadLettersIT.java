package dev.rollcall.server.deadletters;

import static dev.rollcall.engine.sync.Records.T0;
import static dev.rollcall.engine.sync.Records.course;
import static dev.rollcall.engine.sync.Records.district;
import static dev.rollcall.engine.sync.Records.enrollment;
import static dev.rollcall.engine.sync.Records.rosterClass;
import static dev.rollcall.engine.sync.Records.school;
import static dev.rollcall.engine.sync.Records.term;
import static dev.rollcall.engine.sync.Records.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.engine.sync.FakeConnector;
import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import dev.rollcall.server.support.TenantFixture;
import dev.rollcall.server.support.TestIntegrations;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The dead-letter API over real HTTP: a sync leaves records whose references never turned up as
 * dead letters; they are listed with their context, replayed (failing while the reference is still
 * missing, applied once it exists) or discarded, audited, and invisible to other tenants.
 */
class DeadLettersIT extends ServerTestSupport {

    @Autowired
    JdbcClient jdbc;

    /** A small school whose enrollments e8 and e9 name classes the upstream does not have. */
    private static FakeConnector schoolWithDanglingEnrollments() {
        return new FakeConnector()
                .put(district("d1", T0), school("s1", "d1", T0))
                .put(term("t1", T0))
                .put(course("c1", "d1", T0))
                .put(rosterClass("k1", "c1", "s1", "t1", T0))
                .put(user("u1", "s1", "u1@example.org", T0))
                .put(enrollment("e1", "u1", "k1", "s1", T0))
                .put(enrollment("e8", "u1", "k-gone", "s1", T0))
                .put(enrollment("e9", "u1", "k2", "s1", T0));
    }

    private JsonNode openLetter(String integration, String externalId) {
        JsonNode page =
                api().get("/api/v1/dead-letters?integrationId=" + integration).json();
        for (JsonNode item : page.path("items")) {
            if (item.path("externalId").asString().equals(externalId)) {
                return item;
            }
        }
        throw new AssertionError("no open dead letter for " + externalId + " in " + page);
    }

    @Test
    void aRecordWhoseReferenceNeverTurnedUpIsReplayedOnceItExists() {
        FakeConnector upstream = schoolWithDanglingEnrollments();
        String integration = TestIntegrations.serving(api(), "Dead letters " + UUID.randomUUID(), upstream);
        JsonNode run = TestIntegrations.syncFully(api(), integration);
        assertThat(run.path("state").asString()).as(run.toString()).isEqualTo("succeeded");

        Api.Response list = api().get("/api/v1/dead-letters?integrationId=" + integration + "&source=sync");
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        assertThat(list.json().path("total").asLong()).isEqualTo(2);
        assertThat(list.json().path("items").findValuesAsString("externalId")).containsExactlyInAnyOrder("e8", "e9");
        JsonNode e9 = openLetter(integration, "e9");
        assertThat(e9.path("stream").asString()).isEqualTo("enrollments");
        assertThat(e9.path("stage").asString()).isEqualTo("resolve");
        assertThat(e9.path("errorKind").asString()).isEqualTo("reference");
        assertThat(e9.path("errorMessage").asString()).contains("k2");
        assertThat(e9.path("sessionId").asString()).isEqualTo(run.path("id").asString());
        assertThat(e9.path("integrationName").asString()).startsWith("Dead letters ");
        assertThat(e9.path("payload").isNull())
                .as("lists leave the payload out")
                .isTrue();
        String id = e9.path("id").asString();

        JsonNode detail = api().get("/api/v1/dead-letters/" + id).json();
        assertThat(detail.path("payload").path("sourcedId").asString()).isEqualTo("e9");
        assertThat(detail.path("attempts").asInt()).isEqualTo(1);

        // The class is still missing: the replay fails with the reason, counts the attempt, stays open.
        Api.Response failed = api().post("/api/v1/dead-letters/" + id + "/replay", null);
        assertThat(failed.status()).as(failed.text()).isEqualTo(422);
        assertThat(failed.contentType()).startsWith("application/problem+json");
        assertThat(failed.json().path("detail").asString()).contains("k2");
        JsonNode afterFailure = api().get("/api/v1/dead-letters/" + id).json();
        assertThat(afterFailure.path("attempts").asInt()).isEqualTo(2);
        assertThat(afterFailure.path("resolvedAt").isNull()).isTrue();
        assertThat(api().get("/api/v1/dead-letters?integrationId=" + integration)
                        .json()
                        .path("total")
                        .asLong())
                .as("the failed replay's own dead letter is folded into this one")
                .isEqualTo(2);

        // The upstream gets the class (and, for this run, loses the enrollment): a sync stores k2.
        upstream.put(rosterClass("k2", "c1", "s1", "t1", T0)).remove(EntityType.ENROLLMENT, "e9");
        assertThat(TestIntegrations.syncFully(api(), integration).path("state").asString())
                .isEqualTo("succeeded");

        Api.Response replayed = api().post("/api/v1/dead-letters/" + id + "/replay", null);
        assertThat(replayed.status()).as(replayed.text()).isEqualTo(200);
        assertThat(replayed.json().path("outcome").asString()).isEqualTo("applied");
        assertThat(replayed.json().path("deadLetter").path("resolution").asString())
                .isEqualTo("replayed");
        assertThat(replayed.json().path("deadLetter").path("resolvedAt").isString())
                .isTrue();
        assertThat(jdbc.sql("""
                        select count(*) from id_mapping where integration_id = cast(:integration as uuid)
                          and entity_type = 'enrollment' and external_id = 'e9' and valid_to is null""")
                        .param("integration", integration)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select action from audit_log where target_id = :id order by id")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .containsExactly("dead-letter.replayed", "dead-letter.replayed");

        Api.Response again = api().post("/api/v1/dead-letters/" + id + "/replay", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(api().get("/api/v1/dead-letters?integrationId=" + integration + "&state=resolved")
                        .json()
                        .path("items")
                        .findValuesAsString("id"))
                .contains(id);
    }

    @Test
    void aDeadLetterIsDiscardedOnceAndAudited() {
        String integration =
                TestIntegrations.serving(api(), "Discards " + UUID.randomUUID(), schoolWithDanglingEnrollments());
        TestIntegrations.syncFully(api(), integration);
        String id = openLetter(integration, "e8").path("id").asString();

        Api.Response discarded = api().post("/api/v1/dead-letters/" + id + "/discard", null);
        assertThat(discarded.status()).as(discarded.text()).isEqualTo(200);
        assertThat(discarded.json().path("resolution").asString()).isEqualTo("discarded");
        assertThat(api().post("/api/v1/dead-letters/" + id + "/discard", null).status())
                .isEqualTo(409);
        assertThat(api().get("/api/v1/dead-letters?integrationId=" + integration)
                        .json()
                        .path("items")
                        .findValuesAsString("externalId"))
                .containsExactly("e9");
        assertThat(jdbc.sql("select action from audit_log where target_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .containsExactly("dead-letter.discarded");
    }

    @Test
    void aWebhookDeadLetterQueuesItsEventAgain() {
        String integration = TestIntegrations.serving(
                api(), "Webhook letters " + UUID.randomUUID(), schoolWithDanglingEnrollments());
        Api.Response endpoint = api().post(
                        "/api/v1/integrations/" + integration + "/webhook-endpoints",
                        Map.of("scheme", "standard-webhooks"));
        assertThat(endpoint.status()).as(endpoint.text()).isEqualTo(201);
        String endpointId = endpoint.json().path("id").asString();
        long eventId = jdbc.sql("""
                        insert into webhook_event (endpoint_id, tenant_id, integration_id, event_key, url, headers, body,
                                                   received_at, status, attempts, next_attempt_at, last_error)
                        select cast(:endpoint as uuid), tenant_id, id, :key, '/webhooks/x', '{}', cast('{}' as bytea),
                               now(), 'dead', 10, now(), 'gave up'
                        from integration where id = cast(:integration as uuid)
                        returning id""")
                .param("endpoint", endpointId)
                .param("key", "evt-" + UUID.randomUUID())
                .param("integration", integration)
                .query(Long.class)
                .single();
        UUID letter = UUID.randomUUID();
        jdbc.sql("""
                        insert into dead_letter (id, tenant_id, integration_id, source, stage, external_id, error_kind,
                                                 error_message, payload, attempts)
                        select :id, tenant_id, id, 'webhook', 'webhook-processing', 'evt', 'data', 'gave up',
                               cast(:payload as jsonb), 10
                        from integration where id = cast(:integration as uuid)""")
                .param("id", letter)
                .param("payload", "{\"webhookEventId\": " + eventId + ", \"endpointId\": \"" + endpointId + "\"}")
                .param("integration", integration)
                .update();

        Api.Response replayed = api().post("/api/v1/dead-letters/" + letter + "/replay", null);

        assertThat(replayed.status()).as(replayed.text()).isEqualTo(200);
        assertThat(replayed.json().path("outcome").asString()).isEqualTo("requeued");
        assertThat(replayed.json().path("deadLetter").path("resolution").asString())
                .isEqualTo("replayed");
        assertThat(jdbc.sql("select action from audit_log where target_id = :endpoint")
                        .param("endpoint", endpointId)
                        .query(String.class)
                        .list())
                .contains("webhook-events.replayed");
        assertThat(api().get("/api/v1/dead-letters?source=webhook&integrationId=" + integration)
                        .json()
                        .path("total")
                        .asLong())
                .as("the open webhook dead letters of the integration, this one resolved")
                .isLessThanOrEqualTo(1);
    }

    @Test
    void anotherTenantSeesNothingAndCannotAct() {
        String integration =
                TestIntegrations.serving(api(), "Isolation " + UUID.randomUUID(), schoolWithDanglingEnrollments());
        TestIntegrations.syncFully(api(), integration);
        String id = openLetter(integration, "e9").path("id").asString();
        Api other = api().withToken(new TenantFixture(jdbc).adminToken);

        assertThat(other.get("/api/v1/dead-letters/" + id).status()).isEqualTo(404);
        assertThat(other.post("/api/v1/dead-letters/" + id + "/replay", null).status())
                .isEqualTo(404);
        assertThat(other.post("/api/v1/dead-letters/" + id + "/discard", null).status())
                .isEqualTo(404);
        assertThat(other.get("/api/v1/dead-letters?state=all").json().path("items"))
                .isEmpty();
        assertThat(anonymous().get("/api/v1/dead-letters").status()).isEqualTo(401);
        assertThat(api().get("/api/v1/dead-letters/" + id)
                        .json()
                        .path("attempts")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void badQueriesAreProblemsNamingTheParameter() {
        Map<String, String> cases = Map.of(
                "state=bogus", "state",
                "source=ftp", "source",
                "limit=0", "limit",
                "limit=201", "limit",
                "after=not-a-cursor", "after");
        cases.forEach((query, field) -> {
            Api.Response response = api().get("/api/v1/dead-letters?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("errors").findValuesAsString("field"))
                    .as(query)
                    .containsExactly(field);
        });
        Api.Response badId = api().get("/api/v1/dead-letters/not-a-uuid");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(api().get("/api/v1/dead-letters/" + UUID.randomUUID()).status())
                .isEqualTo(404);
        assertThat(List.of("open", "resolved", "all")).allSatisfy(state -> assertThat(
                        api().get("/api/v1/dead-letters?state=" + state).status())
                .isEqualTo(200));
    }
}
