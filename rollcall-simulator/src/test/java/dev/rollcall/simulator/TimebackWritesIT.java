package dev.rollcall.simulator;

import static dev.rollcall.simulator.SimulatorClient.codeMinor;
import static dev.rollcall.simulator.SimulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.simulator.http.Dialect;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** TimeBack's writes over real HTTP: POST/PUT/DELETE, enrolments, validation, scopes, and what reads see. */
class TimebackWritesIT {

    private static final String NEW_USER = """
            {"user": {"enabledUser": true, "givenName": "Ada", "familyName": "Lovelace",
              "email": "ada@example.edu",
              "roles": [{"roleType": "primary", "role": "student", "org": {"sourcedId": "org-00001"}}]}}
            """;

    private Simulator simulator;
    private SimulatorClient client;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private String start(Dialect dialect) {
        simulator = Simulator.start(Simulator.Options.defaults().withPort(0).withDialect(dialect));
        client = new SimulatorClient(simulator);
        return client.token();
    }

    private static java.util.List<String> ids(JsonNode records) {
        return records.valueStream()
                .map(record -> record.path("sourcedId").asString())
                .toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void postAllocatesASourcedIdAndReadsAndDeltasSeeTheNewUser() {
        String token = start(Dialect.TIMEBACK);
        int before = simulator.roster().size("users");

        HttpResponse<String> created = client.post(token, "/users/", NEW_USER);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode pairs = json(created).path("sourcedIdPairs");
        assertThat(pairs.path("suppliedSourcedId").asString()).isEmpty();
        String id = pairs.path("allocatedSourcedId").asString();
        assertThat(id).startsWith("usr-");
        assertThat(simulator.roster().size("users")).isEqualTo(before + 1);

        JsonNode user = json(client.get(token, "/users/" + id)).path("user");
        assertThat(user.path("givenName").asString()).isEqualTo("Ada");
        assertThat(user.path("status").asString()).isEqualTo("active");
        assertThat(user.path("enabledUser").isBoolean()).isTrue();

        JsonNode delta = json(client.get(token, "/users?filter=" + encode("dateLastModified>'2025-08-01T00:00:00Z'")));
        assertThat(ids(delta.path("users"))).containsExactly(id);
        assertThat(ids(json(client.get(token, "/students?search=Lovelace")).path("users")))
                .containsExactly(id);
    }

    @Test
    void postKeepsASuppliedSourcedIdAndRefusesItTwice() {
        String token = start(Dialect.TIMEBACK);
        String body = NEW_USER.replace("\"enabledUser\"", "\"sourcedId\": \"sis-ada\", \"enabledUser\"");

        HttpResponse<String> created = client.post(token, "/users", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created)
                        .path("sourcedIdPairs")
                        .path("suppliedSourcedId")
                        .asString())
                .isEqualTo("sis-ada");
        assertThat(json(created)
                        .path("sourcedIdPairs")
                        .path("allocatedSourcedId")
                        .asString())
                .isEqualTo("sis-ada");

        HttpResponse<String> again = client.post(token, "/users", body);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).path("imsx_description").asString())
                .contains("user.sourcedId")
                .contains("sis-ada");

        JsonNode page = json(client.get(token, "/users?limit=3000"));
        assertThat(ids(page.path("users"))).contains("sis-ada").isSorted();
        assertThat(page.path("totalCount").asInt()).isEqualTo(simulator.roster().size("users"));
    }

    @Test
    void putCreatesOrReplacesAndDeleteIsASoftDelete() {
        String token = start(Dialect.TIMEBACK);
        String course = """
                {"course": {"title": "Astronomy", "courseCode": "ASTRO", "org": {"sourcedId": "org-00001"}}}
                """;

        HttpResponse<String> created = client.put(token, "/courses/crs-astro", course);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> replaced = client.put(token, "/courses/crs-astro", course.replace("Astronomy", "Stars"));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(replaced)
                        .path("sourcedIdPairs")
                        .path("allocatedSourcedId")
                        .asString())
                .isEqualTo("crs-astro");
        assertThat(json(client.get(token, "/courses/crs-astro"))
                        .path("course")
                        .path("title")
                        .asString())
                .isEqualTo("Stars");

        String generated = json(client.get(token, "/courses?limit=1"))
                .path("courses")
                .get(0)
                .path("sourcedId")
                .asString();
        HttpResponse<String> deleted = client.delete(token, "/courses/" + generated);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        JsonNode after = json(client.get(token, "/courses/" + generated)).path("course");
        assertThat(after.path("status").asString()).isEqualTo("tobedeleted");
        assertThat(after.path("dateLastModified").asString()).isGreaterThan("2025-08-01T00:00:00.000Z");

        assertThat(codeMinor(client.delete(token, "/courses/crs-nothing"))).isEqualTo("unknownobject");
        HttpResponse<String> mismatch = client.put(
                token, "/courses/crs-a", course.replace("{\"title\"", "{\"sourcedId\": \"crs-b\", \"title\""));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(json(mismatch).path("imsx_description").asString()).contains("course.sourcedId");
    }

    @Test
    void postingStudentsAndTeachersToAClassCreatesEnrollments() {
        String token = start(Dialect.TIMEBACK);
        JsonNode rosterClass =
                json(client.get(token, "/classes?limit=1")).path("classes").get(0);
        String classId = rosterClass.path("sourcedId").asString();
        String userId = json(client.post(token, "/users", NEW_USER))
                .path("sourcedIdPairs")
                .path("allocatedSourcedId")
                .asString();

        HttpResponse<String> enrolled = client.post(
                token,
                "/classes/" + classId + "/students",
                "{\"enrollment\": {\"user\": {\"sourcedId\": \"" + userId + "\"}, \"beginDate\": \"2025-08-15\"}}");

        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        String enrollmentId =
                json(enrolled).path("sourcedIdPairs").path("allocatedSourcedId").asString();
        JsonNode enrollment =
                json(client.get(token, "/enrollments/" + enrollmentId)).path("enrollment");
        assertThat(enrollment.path("role").asString()).isEqualTo("student");
        assertThat(enrollment.path("class").path("sourcedId").asString()).isEqualTo(classId);
        assertThat(enrollment.path("school").path("sourcedId").asString())
                .isEqualTo(rosterClass.path("school").path("sourcedId").asString());
        assertThat(json(client.get(token, "/classes/" + classId + "/students"))
                        .path("users")
                        .valueStream()
                        .map(user -> user.path("sourcedId").asString()))
                .contains(userId);

        HttpResponse<String> teacher = client.post(
                token,
                "/classes/" + classId + "/teachers",
                "{\"enrollment\": {\"user\": {\"sourcedId\": \"" + userId + "\"}}}");
        assertThat(teacher.statusCode()).isEqualTo(201);
        assertThat(json(client.get(token, "/classes/" + classId + "/teachers"))
                        .path("users")
                        .valueStream()
                        .map(user -> user.path("sourcedId").asString()))
                .contains(userId);

        assertThat(client.post(
                                token,
                                "/classes/cls-nothing/students",
                                "{\"enrollment\": {\"user\": {\"sourcedId\": \"" + userId + "\"}}}")
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> nobody = client.post(
                token,
                "/classes/" + classId + "/students",
                "{\"enrollment\": {\"user\": {\"sourcedId\": \"usr-nobody\"}}}");
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(json(nobody).path("imsx_description").asString()).contains("enrollment.user.sourcedId");
    }

    @Test
    void invalidBodiesGet400InvaliddataNamingTheField() {
        String token = start(Dialect.TIMEBACK);

        HttpResponse<String> noRoles = client.post(
                token, "/users", "{\"user\": {\"enabledUser\": true, \"givenName\": \"A\", \"familyName\": \"B\"}}");
        assertThat(noRoles.statusCode()).isEqualTo(400);
        assertThat(codeMinor(noRoles)).isEqualTo("invaliddata");
        assertThat(json(noRoles).path("imsx_description").asString()).contains("user.roles");

        HttpResponse<String> badVocabulary =
                client.post(token, "/users", NEW_USER.replace("\"student\"", "\"wizard\""));
        assertThat(json(badVocabulary).path("imsx_description").asString())
                .contains("user.roles[0].role")
                .contains("wizard");

        HttpResponse<String> badStatus = client.post(
                token, "/orgs", "{\"org\": {\"status\": \"zombie\", \"name\": \"X\", \"type\": \"school\"}}");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(json(badStatus).path("imsx_description").asString())
                .contains("org.status")
                .contains("zombie");

        HttpResponse<String> wrongWrapper = client.post(token, "/users", "{\"users\": {}}");
        assertThat(json(wrongWrapper).path("imsx_description").asString()).startsWith("user:");
        assertThat(client.post(token, "/users", "not json").statusCode()).isEqualTo(400);
        assertThat(client.post(token, "/terms", "{\"academicSession\": {}}").statusCode())
                .isEqualTo(405);
        assertThat(client.put(token, "/users", NEW_USER).statusCode()).isEqualTo(405);
        assertThat(simulator.roster().changedRecords("users")).isEmpty();
    }

    @Test
    void writesNeedAWriteScopeWhenTheTokenHasScopes() {
        start(Dialect.TIMEBACK);
        String readOnly = client.token("roster-core.readonly");
        String writer = client.token("roster-core.readonly", "roster.createput");

        HttpResponse<String> refused = client.post(readOnly, "/users", NEW_USER);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(codeMinor(refused)).isEqualTo("forbidden");
        HttpResponse<String> created = client.post(writer, "/users", NEW_USER);
        assertThat(created.statusCode()).isEqualTo(201);
        String id =
                json(created).path("sourcedIdPairs").path("allocatedSourcedId").asString();
        assertThat(client.delete(writer, "/users/" + id).statusCode()).isEqualTo(403);
        assertThat(client.delete(client.token("roster.delete"), "/users/" + id).statusCode())
                .isEqualTo(204);
    }

    @Test
    void theStandardBindingIsReadOnly() {
        String token = start(Dialect.STANDARD);

        HttpResponse<String> refused = client.post(token, "/users", NEW_USER);

        assertThat(refused.statusCode()).isEqualTo(405);
        assertThat(json(refused)
                        .path("imsx_StatusInfo")
                        .path("imsx_description")
                        .asString())
                .contains("read-only");
        assertThat(client.delete(token, "/users/usr-0000001").statusCode()).isEqualTo(405);
    }
}
