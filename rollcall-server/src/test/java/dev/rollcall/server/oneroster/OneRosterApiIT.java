package dev.rollcall.server.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import dev.rollcall.server.support.TenantFixture;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The OneRoster 1.2 API over real HTTP, on a small school written into the embedded PostgreSQL. */
class OneRosterApiIT extends ServerTestSupport {

    private static final String BASE = "/ims/oneroster/rostering/v1p2";
    private static final String CORE = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";
    private static final String DEMOGRAPHICS =
            "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReadAudit readAudit;

    private TenantFixture tenant;
    private SmallSchool school;
    private Api admin;
    private Api oneRoster;

    @BeforeEach
    void school() {
        tenant = new TenantFixture(jdbc);
        school = new SmallSchool(tenant);
        admin = api().withToken(tenant.adminToken);
        JsonNode client = createClient(List.of("roster.readonly"));
        oneRoster = api().withToken(token(client, null).get("access_token").asString());
    }

    // --- OAuth -------------------------------------------------------------------------------------

    @Test
    void anOAuthClientShowsItsSecretOnceAndIssuesTokensByBasicOrFormWithNarrowedScopes() {
        JsonNode client = createClient(List.of("roster-core.readonly", DEMOGRAPHICS));
        assertThat(client.get("clientSecret").asString()).startsWith("rcs_");
        assertThat(client.get("scopes").valueStream().map(JsonNode::asString)).containsExactly(CORE, DEMOGRAPHICS);
        Api.Response list = admin.get("/api/v1/oauth-clients");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text()).contains(client.get("clientId").asString()).doesNotContain("rcs_");

        JsonNode basic = token(client, null);
        assertThat(basic.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(basic.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(basic.get("scope").asString()).isEqualTo(CORE + " " + DEMOGRAPHICS);

        Api.Response form = tokenRequest(
                null,
                "grant_type=client_credentials&scope=roster-core.readonly&client_id="
                        + client.get("clientId").asString() + "&client_secret="
                        + URLEncoder.encode(client.get("clientSecret").asString(), StandardCharsets.UTF_8));
        assertThat(form.status()).as(form.text()).isEqualTo(200);
        assertThat(form.json().get("scope").asString()).isEqualTo(CORE);
        assertThat(form.headers().firstValue("Cache-Control").orElse("")).contains("no-store");

        Api coreOnly = api().withToken(form.json().get("access_token").asString());
        assertThat(coreOnly.get(BASE + "/users").status()).isEqualTo(200);
        assertImsx(coreOnly.get(BASE + "/demographics"), 403, "forbidden");
    }

    @Test
    void theTokenEndpointAnswersRfc6749Errors() {
        JsonNode client = createClient(List.of("roster-core.readonly"));
        Api.Response wrongSecret =
                tokenRequest(basic(client.get("clientId").asString(), "rcs_wrong"), "grant_type=client_credentials");
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(wrongSecret.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Basic");

        Api.Response noCredentials = tokenRequest(null, "grant_type=client_credentials");
        assertThat(noCredentials.status()).isEqualTo(401);
        assertThat(noCredentials.json().get("error").asString()).isEqualTo("invalid_client");

        String auth = basic(
                client.get("clientId").asString(), client.get("clientSecret").asString());
        Api.Response grant = tokenRequest(auth, "grant_type=password");
        assertThat(grant.status()).isEqualTo(400);
        assertThat(grant.json().get("error").asString()).isEqualTo("unsupported_grant_type");

        Api.Response scope = tokenRequest(auth, "grant_type=client_credentials&scope=roster.readonly");
        assertThat(scope.status()).isEqualTo(400);
        assertThat(scope.json().get("error").asString()).isEqualTo("invalid_scope");
        assertThat(scope.json().get("error_description").asString()).contains("roster.readonly");
    }

    @Test
    void creatingAClientNeedsAnAdminAndValidScopesAndRevokingKillsItsTokens() {
        Api.Response invalid =
                admin.post("/api/v1/oauth-clients", Map.of("name", " ", "scopes", List.of("roster.write")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.text()).contains("\"name\"").contains("scopes[0]");

        JsonNode client = createClient(List.of("roster-core.readonly"));
        Api reader = api().withToken(token(client, null).get("access_token").asString());
        assertThat(reader.get(BASE + "/orgs").status()).isEqualTo(200);

        assertThat(admin.delete("/api/v1/oauth-clients/"
                                + client.get("clientId").asString())
                        .status())
                .isEqualTo(204);
        assertImsx(reader.get(BASE + "/orgs"), 401, "unauthorisedrequest");
        assertThat(jdbc.sql("select count(*) from audit_log where tenant_id = :t and action like 'oauth-client.%'")
                        .param("t", tenant.tenantId)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        assertThat(jdbc.sql(
                                "select after::text from audit_log where tenant_id = :t and action = 'oauth-client.created'")
                        .param("t", tenant.tenantId)
                        .query(String.class)
                        .list())
                .noneMatch(after -> after.contains("rcs_"));
    }

    @Test
    void theApiNeedsAnOAuthTokenAndAdminTokensGetNoFurtherThanTheAdminApi() {
        assertImsx(anonymous().get(BASE + "/users"), 401, "unauthorisedrequest");
        assertImsx(admin.get(BASE + "/users"), 401, "unauthorisedrequest");
        assertThat(oneRoster.get("/api/v1/integrations").status()).isEqualTo(401);
        assertThat(anonymous().get("/oauth2/token").status()).isNotEqualTo(401);
    }

    // --- the endpoints -----------------------------------------------------------------------------

    @Test
    void collectionsAndSingleRecordsUseTheBindingsWrappers() {
        JsonNode users = ok(BASE + "/users");
        assertThat(ids(users, "users")).containsExactlyInAnyOrder(ids(school.student, school.student2, school.teacher));
        assertThat(ids(ok(BASE + "/students"), "users"))
                .containsExactlyInAnyOrder(ids(school.student, school.student2));
        assertThat(ids(ok(BASE + "/teachers"), "users")).containsExactly(school.teacher.toString());
        assertThat(ids(ok(BASE + "/schools"), "orgs")).containsExactly(school.school.toString());
        assertThat(ids(ok(BASE + "/orgs"), "orgs")).hasSize(2);
        assertThat(ids(ok(BASE + "/terms"), "academicSessions")).containsExactly(school.term.toString());
        assertThat(ids(ok(BASE + "/gradingPeriods"), "academicSessions"))
                .containsExactly(school.gradingPeriod.toString());
        assertThat(ids(ok(BASE + "/academicSessions"), "academicSessions")).hasSize(2);
        assertThat(ids(ok(BASE + "/courses"), "courses")).containsExactly(school.course.toString());
        assertThat(ids(ok(BASE + "/classes"), "classes")).containsExactly(school.klass.toString());
        assertThat(ids(ok(BASE + "/enrollments"), "enrollments")).hasSize(3);
        assertThat(ids(ok(BASE + "/demographics"), "demographics")).containsExactly(school.student.toString());

        JsonNode klass = ok(BASE + "/classes/" + school.klass).get("class");
        String courseHref = klass.get("course").get("href").asString();
        assertThat(courseHref).isEqualTo(BASE + "/courses/" + school.course);
        assertThat(ok(courseHref).get("course").get("sourcedId").asString()).isEqualTo(school.course.toString());
        assertThat(klass.get("terms").get(0).get("href").asString())
                .isEqualTo(BASE + "/academicSessions/" + school.term);
        assertThat(ok(BASE + "/classes")
                        .get("classes")
                        .get(0)
                        .get("school")
                        .get("href")
                        .asString())
                .isEqualTo(BASE + "/orgs/" + school.school);

        JsonNode user = ok(BASE + "/users/" + school.student).get("user");
        assertThat(user.get("sourcedId").asString()).isEqualTo(school.student.toString());
        assertThat(user.get("givenName").asString()).isEqualTo("Ada");
        assertThat(user.get("enabledUser").asString()).isEqualTo("true");
        assertThat(user.get("dateLastModified").asString()).isEqualTo("2024-01-01T00:00:00.000000Z");
        assertThat(user.get("userIds").get(0).get("identifier").asString()).isEqualTo("sis-ada");
        assertThat(ok(BASE + "/schools/" + school.school).get("org").get("name").asString())
                .isEqualTo("Springfield Elementary");
        assertThat(ok(BASE + "/terms/" + school.term)
                        .get("academicSession")
                        .get("title")
                        .asString())
                .isEqualTo("Fall 2024");
        assertThat(ok(BASE + "/classes/" + school.klass).get("class")).isNotNull();
        assertThat(ok(BASE + "/demographics/" + school.student)
                        .get("demographics")
                        .get("sex")
                        .asString())
                .isEqualTo("female");
        assertThat(ok(BASE + "/teachers/" + school.teacher).get("user")).isNotNull();

        assertImsx(oneRoster.get(BASE + "/users/" + UUID.randomUUID()), 404, "unknownobject");
        assertImsx(oneRoster.get(BASE + "/users/not-a-uuid"), 404, "unknownobject");
        assertImsx(oneRoster.get(BASE + "/students/" + school.teacher), 404, "unknownobject");
        assertImsx(oneRoster.get(BASE + "/schools/" + school.district), 404, "unknownobject");
        assertImsx(oneRoster.get(BASE + "/nothing"), 404, "unknownobject");
    }

    @Test
    void subCollectionsFollowTheReferences() {
        String s = BASE + "/schools/" + school.school;
        assertThat(ids(ok(BASE + "/classes/" + school.klass + "/students"), "users"))
                .containsExactlyInAnyOrder(ids(school.student, school.student2));
        assertThat(ids(ok(BASE + "/classes/" + school.klass + "/teachers"), "users"))
                .containsExactly(school.teacher.toString());
        assertThat(ids(ok(BASE + "/courses/" + school.course + "/classes"), "classes"))
                .containsExactly(school.klass.toString());
        assertThat(ids(ok(s + "/classes"), "classes")).containsExactly(school.klass.toString());
        assertThat(ids(ok(s + "/courses"), "courses")).containsExactly(school.course.toString());
        assertThat(ids(ok(s + "/enrollments"), "enrollments")).hasSize(3);
        assertThat(ids(ok(s + "/students"), "users")).containsExactlyInAnyOrder(ids(school.student, school.student2));
        assertThat(ids(ok(s + "/teachers"), "users")).containsExactly(school.teacher.toString());
        assertThat(ids(ok(s + "/terms"), "academicSessions")).containsExactly(school.term.toString());
        assertThat(ids(ok(s + "/classes/" + school.klass + "/enrollments"), "enrollments"))
                .hasSize(3);
        assertThat(ids(ok(s + "/classes/" + school.klass + "/students"), "users"))
                .hasSize(2);
        assertThat(ids(ok(s + "/classes/" + school.klass + "/teachers"), "users"))
                .containsExactly(school.teacher.toString());
        assertThat(ids(ok(BASE + "/students/" + school.student + "/classes"), "classes"))
                .containsExactly(school.klass.toString());
        assertThat(ids(ok(BASE + "/teachers/" + school.teacher + "/classes"), "classes"))
                .containsExactly(school.klass.toString());
        assertThat(ids(ok(BASE + "/users/" + school.teacher + "/classes"), "classes"))
                .containsExactly(school.klass.toString());
        assertThat(ids(ok(BASE + "/terms/" + school.term + "/classes"), "classes"))
                .containsExactly(school.klass.toString());
        assertThat(ids(ok(BASE + "/terms/" + school.term + "/gradingPeriods"), "academicSessions"))
                .containsExactly(school.gradingPeriod.toString());

        assertImsx(oneRoster.get(BASE + "/classes/" + UUID.randomUUID() + "/students"), 404, "unknownobject");
        assertImsx(oneRoster.get(BASE + "/teachers/" + school.student + "/classes"), 404, "unknownobject");
    }

    @Test
    void filtersTranslateToSqlWithTheBindingsOperators() {
        assertThat(ids(filter("users", "givenName='Ada'"), "users")).containsExactly(school.student.toString());
        assertThat(ids(filter("users", "givenName!='Ada'"), "users")).hasSize(2);
        assertThat(ids(filter("users", "familyName~'LOVE'"), "users")).containsExactly(school.student.toString());
        assertThat(ids(filter("users", "role='teacher'"), "users")).containsExactly(school.teacher.toString());
        assertThat(ids(filter("users", "roles.role='student' AND givenName>'Al'"), "users"))
                .containsExactly(school.student2.toString());
        assertThat(ids(filter("users", "givenName='Ada' OR givenName='Grace'"), "users"))
                .containsExactlyInAnyOrder(ids(school.student, school.teacher));
        assertThat(ids(filter("users", "dateLastModified>'2024-03-01T00:00:00Z'"), "users"))
                .containsExactly(school.student2.toString());
        assertThat(ids(filter("users", "dateLastModified>='2024-06-01'"), "users"))
                .containsExactly(school.student2.toString());
        assertThat(ids(filter("users", "sourcedId='" + school.teacher + "'"), "users"))
                .containsExactly(school.teacher.toString());
        assertThat(ids(filter("users", "userIds.identifier='sis-alan'"), "users"))
                .containsExactly(school.student2.toString());
        assertThat(ids(filter("enrollments", "class='" + school.klass + "' AND role='teacher'"), "enrollments"))
                .containsExactly(school.teacherEnrollment.toString());
        assertThat(ids(filter("classes", "terms.sourcedId='" + school.term + "'"), "classes"))
                .hasSize(1);
        assertThat(ids(filter("courses", "grades='03'"), "courses")).hasSize(1);
        assertThat(ids(filter("users", "status='active' AND email~'o''r'"), "users"))
                .isEmpty();

        assertImsx(oneRoster.get(BASE + "/users?filter=" + encode("shoeSize='9'")), 400, "invalid_filter_field");
        assertImsx(oneRoster.get(BASE + "/users?filter=" + encode("givenName='Ada")), 400, "invaliddata");
        assertImsx(oneRoster.get(BASE + "/users?filter=" + encode("givenName=Ada")), 400, "invaliddata");
        assertImsx(oneRoster.get(BASE + "/users?filter=" + encode("dateLastModified>'yesterday'")), 400, "invaliddata");
    }

    @Test
    void fieldsSortAndPagingWithTotalCountAndLinks() {
        JsonNode projected = ok(BASE + "/users?fields=" + encode("sourcedId,givenName"));
        for (JsonNode user : projected.get("users")) {
            assertThat(user.propertyNames()).containsExactlyInAnyOrder("sourcedId", "givenName");
        }
        assertImsx(oneRoster.get(BASE + "/users?fields=givenName,shoeSize"), 400, "invalid_selection_field");
        assertImsx(
                oneRoster.get(BASE + "/users/" + school.student + "?fields=shoeSize"), 400, "invalid_selection_field");

        JsonNode sorted = ok(BASE + "/users?sort=familyName&orderBy=desc");
        assertThat(sorted.get("users").valueStream().map(user -> user.get("familyName")
                        .asString()))
                .containsExactly("Turing", "Lovelace", "Hopper");
        assertImsx(oneRoster.get(BASE + "/users?sort=shoeSize"), 400, "invalid_selection_field");
        assertImsx(oneRoster.get(BASE + "/users?sort=familyName&orderBy=up"), 400, "invaliddata");

        Api.Response first = oneRoster.get(BASE + "/users?limit=2&sort=givenName");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Total-Count")).hasValue("3");
        String link = first.headers().firstValue("Link").orElseThrow();
        assertThat(link)
                .contains("rel=\"next\"")
                .contains("offset=2")
                .contains("rel=\"last\"")
                .contains("rel=\"first\"");
        assertThat(first.json().get("users").valueStream().map(user -> user.get("givenName")
                        .asString()))
                .containsExactly("Ada", "Alan");
        JsonNode second = ok(BASE + "/users?limit=2&offset=2&sort=givenName");
        assertThat(second.get("users").valueStream().map(user -> user.get("givenName")
                        .asString()))
                .containsExactly("Grace");
        assertThat(ok(BASE + "/users?offset=10").get("users")).isEmpty();

        assertImsx(oneRoster.get(BASE + "/users?limit=0"), 400, "invaliddata");
        assertImsx(oneRoster.get(BASE + "/users?limit=many"), 400, "invaliddata");
        assertImsx(oneRoster.get(BASE + "/users?offset=-1"), 400, "invaliddata");
    }

    @Test
    void scopesAreEnforcedPerEndpoint() {
        Api core = api().withToken(token(createClient(List.of("roster-core.readonly")), null)
                .get("access_token")
                .asString());
        Api demographics = api().withToken(token(createClient(List.of(DEMOGRAPHICS)), null)
                .get("access_token")
                .asString());
        assertThat(core.get(BASE + "/classes").status()).isEqualTo(200);
        assertImsx(core.get(BASE + "/demographics/" + school.student), 403, "forbidden");
        assertThat(demographics.get(BASE + "/demographics").status()).isEqualTo(200);
        assertImsx(demographics.get(BASE + "/users"), 403, "forbidden");
    }

    @Test
    void tenantsSeeOnlyTheirOwnRoster() {
        TenantFixture other = new TenantFixture(jdbc);
        Api otherAdmin = api().withToken(other.adminToken);
        Api.Response created =
                otherAdmin.post("/api/v1/oauth-clients", Map.of("name", "other", "scopes", List.of("roster.readonly")));
        Api otherReader =
                api().withToken(token(created.json(), null).get("access_token").asString());
        Api.Response users = otherReader.get(BASE + "/users");
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.json().get("users")).isEmpty();
        assertImsx(otherReader.get(BASE + "/users/" + school.student), 404, "unknownobject");
    }

    @Test
    void readsOfStudentRecordsAreAuditedWithTheClient() {
        ok(BASE + "/classes/" + school.klass + "/students");
        ok(BASE + "/courses");
        readAudit.flush();
        List<Map<String, Object>> rows =
                jdbc.sql("""
                        select actor, target_type, after->>'path' as path, (after->>'records')::int as records
                        from audit_log where tenant_id = :t and action = 'oneroster.read'""").param("t", tenant.tenantId).query().listOfRows();
        assertThat(rows).hasSize(1);
        assertThat((String) rows.getFirst().get("actor")).startsWith("oauth-client:");
        assertThat(rows.getFirst().get("path")).isEqualTo(BASE + "/classes/" + school.klass + "/students");
        assertThat(rows.getFirst().get("records")).isEqualTo(2);
    }

    // --- helpers -----------------------------------------------------------------------------------

    private JsonNode createClient(List<String> scopes) {
        Api.Response created = admin.post("/api/v1/oauth-clients", Map.of("name", "reader", "scopes", scopes));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json();
    }

    private JsonNode token(JsonNode client, String scope) {
        Api.Response response = tokenRequest(
                basic(
                        client.get("clientId").asString(),
                        client.get("clientSecret").asString()),
                "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + encode(scope)));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private Api.Response tokenRequest(String authorization, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return anonymous().send(request);
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode ok(String path) {
        Api.Response response = oneRoster.get(path);
        assertThat(response.status()).as(path + ": " + response.text()).isEqualTo(200);
        return response.json();
    }

    private JsonNode filter(String collection, String filter) {
        return ok(BASE + "/" + collection + "?filter=" + encode(filter));
    }

    private static void assertImsx(Api.Response response, int status, String codeMinor) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        JsonNode info = response.json().get("imsx_StatusInfo");
        assertThat(info.get("imsx_codeMajor").asString()).isEqualTo("failure");
        assertThat(info.get("imsx_severity").asString()).isEqualTo("error");
        assertThat(info.get("imsx_description").asString()).isNotBlank();
        assertThat(info.get("imsx_CodeMinor")
                        .get("imsx_codeMinorField")
                        .get(0)
                        .get("imsx_codeMinorFieldValue")
                        .asString())
                .isEqualTo(codeMinor);
    }

    private static List<String> ids(JsonNode page, String wrapper) {
        List<String> ids = new ArrayList<>();
        page.get(wrapper).forEach(record -> ids.add(record.get("sourcedId").asString()));
        return ids;
    }

    private static String[] ids(UUID... ids) {
        return java.util.Arrays.stream(ids).map(UUID::toString).toArray(String[]::new);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
