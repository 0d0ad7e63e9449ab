package dev.rollcall.server.roster;

import static dev.rollcall.engine.sync.Records.T0;
import static dev.rollcall.engine.sync.Records.course;
import static dev.rollcall.engine.sync.Records.district;
import static dev.rollcall.engine.sync.Records.enrollment;
import static dev.rollcall.engine.sync.Records.rosterClass;
import static dev.rollcall.engine.sync.Records.school;
import static dev.rollcall.engine.sync.Records.term;
import static dev.rollcall.engine.sync.Records.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.engine.sync.FakeConnector;
import dev.rollcall.server.oneroster.ReadAudit;
import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import dev.rollcall.server.support.TenantFixture;
import dev.rollcall.server.support.TestIntegrations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The roster browser's API over real HTTP, on a roster written by a real sync of the test connector:
 * search, keyset paging, one record with its mappings, provenance and history, tenant isolation.
 */
class RosterBrowserIT extends ServerTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReadAudit readAudit;

    /** One school whose names are unique to this run, so searches see only its records. */
    private record School(String integration, String tag, FakeConnector upstream) {}

    private School syncedSchool() {
        String tag = "z" + UUID.randomUUID().toString().substring(0, 8);
        FakeConnector upstream = new FakeConnector()
                .put(district("d1", T0), school("s1", "d1", T0))
                .put(term("t1", T0))
                .put(course("c1", "d1", T0))
                .put(rosterClass("k1", "c1", "s1", "t1", T0))
                .put(user("u1", "s1", "ada." + tag + "@example.org", "Ada", T0))
                .put(user("u2", "s1", "grace." + tag + "@example.org", "Grace", T0))
                .put(user("u3", "s1", "alan." + tag + "@example.org", "Alan", T0))
                .put(enrollment("e1", "u1", "k1", "s1", T0), enrollment("e2", "u2", "k1", "s1", T0));
        String integration = TestIntegrations.serving(api(), "Roster " + tag, upstream);
        assertThat(TestIntegrations.syncFully(api(), integration).path("state").asString())
                .isEqualTo("succeeded");
        return new School(integration, tag, upstream);
    }

    @Test
    void searchFindsUsersByNameEmailAndUpstreamId() {
        School school = syncedSchool();

        Api.Response byEmail = api().get("/api/v1/records/users?q=GRACE." + school.tag());
        assertThat(byEmail.status()).as(byEmail.text()).isEqualTo(200);
        JsonNode items = byEmail.json().path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("title").asString()).isEqualTo("Grace Family u2");
        assertThat(items.get(0).path("detail").asString()).isEqualTo("grace." + school.tag() + "@example.org");
        assertThat(items.get(0).path("entity").asString()).isEqualTo("users");
        assertThat(items.get(0).path("status").asString()).isEqualTo("active");
        assertThat(byEmail.json().path("next").isNull()).isTrue();

        JsonNode byIntegration = api().get("/api/v1/records/users?integrationId=" + school.integration())
                .json();
        assertThat(byIntegration.path("items").findValuesAsString("title"))
                .containsExactlyInAnyOrder("Ada Family u1", "Grace Family u2", "Alan Family u3");
        JsonNode byUpstreamId = api().get("/api/v1/records/users?q=u3&integrationId=" + school.integration())
                .json();
        assertThat(byUpstreamId.path("items").findValuesAsString("title")).containsExactly("Alan Family u3");

        // A LIKE wildcard is a literal character, not "anything".
        assertThat(api().get("/api/v1/records/users?q=%25" + school.tag())
                        .json()
                        .path("items"))
                .isEmpty();

        JsonNode enrollments = api().get("/api/v1/records/enrollments?q=grace." + school.tag())
                .json()
                .path("items");
        assertThat(enrollments).hasSize(1);
        assertThat(enrollments.get(0).path("title").asString()).isEqualTo("Grace Family u2 in Class k1");
        assertThat(enrollments.get(0).path("detail").asString()).isEqualTo("student");

        assertThat(api().get("/api/v1/records/classes?integrationId=" + school.integration())
                        .json()
                        .path("items")
                        .findValuesAsString("title"))
                .containsExactly("Class k1");
        readAudit.flush();
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'roster-browser.read' and target_type = 'users'")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        School school = syncedSchool();
        Set<String> seen = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        String next = null;
        do {
            Api.Response response = api().get("/api/v1/records/users?limit=2&integrationId=" + school.integration()
                    + (next == null ? "" : "&after=" + next));
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            JsonNode page = response.json();
            page.path("items")
                    .forEach(item ->
                            assertThat(seen.add(item.path("id").asString())).isTrue());
            sizes.add(page.path("items").size());
            next = page.path("next").isNull() ? null : page.path("next").asString();
        } while (next != null);
        assertThat(seen).hasSize(3);
        assertThat(sizes.getFirst()).isEqualTo(2);
    }

    @Test
    void aRecordShowsItsMappingsProvenanceAndHistory() {
        School school = syncedSchool();
        String id = api().get("/api/v1/records/users?q=ada." + school.tag())
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asString();

        Api.Response response = api().get("/api/v1/records/users/" + id);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode record = response.json();
        assertThat(record.path("record").path("givenName").asString()).isEqualTo("Ada");
        assertThat(record.path("record").path("sourcedId").asString()).isEqualTo(id);
        assertThat(record.path("status").asString()).isEqualTo("active");
        JsonNode mapping = record.path("mappings").get(0);
        assertThat(mapping.path("integrationId").asString()).isEqualTo(school.integration());
        assertThat(mapping.path("integrationName").asString()).isEqualTo("Roster " + school.tag());
        assertThat(mapping.path("externalId").asString()).isEqualTo("u1");
        assertThat(mapping.path("matchedBy").asString()).isEqualTo("created");
        assertThat(mapping.path("current").asBoolean()).isTrue();
        assertThat(record.path("provenance").isObject()).isTrue();
        JsonNode history = record.path("history").path("items");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("operation").asString()).isEqualTo("created");
        assertThat(history.get(0).path("sessionId").asString()).isNotEmpty();
        assertThat(history.get(0).path("seq").asLong()).isPositive();

        // A change upstream adds to the history, newest first, and pages by seq.
        school.upstream().put(user("u1", "s1", "ada.new." + school.tag() + "@example.org", "Ada", T0.plusSeconds(60)));
        assertThat(TestIntegrations.syncFully(api(), school.integration())
                        .path("state")
                        .asString())
                .isEqualTo("succeeded");
        JsonNode changed = api().get("/api/v1/records/users/" + id).json();
        assertThat(changed.path("history").path("items").findValuesAsString("operation"))
                .containsExactly("updated", "created");
        assertThat(changed.path("history")
                        .path("items")
                        .get(0)
                        .path("changedFields")
                        .toString())
                .contains("email");
        long newest = changed.path("history").path("items").get(0).path("seq").asLong();
        JsonNode older = api().get("/api/v1/records/users/" + id + "/history?limit=1&before=" + newest)
                .json();
        assertThat(older.path("items").findValuesAsString("operation")).containsExactly("created");
    }

    @Test
    void anotherTenantsRecordIsNotFound() {
        School school = syncedSchool();
        String id = api().get("/api/v1/records/users?q=ada." + school.tag())
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        Api other = api().withToken(new TenantFixture(jdbc).adminToken);

        Api.Response response = other.get("/api/v1/records/users/" + id);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(other.get("/api/v1/records/users/" + id + "/history").status())
                .isEqualTo(404);
        assertThat(other.get("/api/v1/records/users?q=ada." + school.tag())
                        .json()
                        .path("items"))
                .isEmpty();
        assertThat(anonymous().get("/api/v1/records/users").status()).isEqualTo(401);
    }

    @Test
    void badQueriesAreProblemsNamingTheParameter() {
        Map<String, String> cases = Map.of(
                "/api/v1/records/pets",
                "entity",
                "/api/v1/records/users?limit=0",
                "limit",
                "/api/v1/records/users?limit=500",
                "limit",
                "/api/v1/records/users?after=%21%21",
                "after",
                "/api/v1/records/users?q=" + "x".repeat(201),
                "q");
        cases.forEach((path, field) -> {
            Api.Response response = api().get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("errors").findValuesAsString("field"))
                    .as(path)
                    .containsExactly(field);
        });
        assertThat(api().get("/api/v1/records/users?integrationId=nope").status())
                .isEqualTo(400);
        assertThat(api().get("/api/v1/records/users/" + UUID.randomUUID()).status())
                .isEqualTo(404);
    }
}
