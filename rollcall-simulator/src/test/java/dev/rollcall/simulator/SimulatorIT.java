package dev.rollcall.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.simulator.http.Dialect;
import dev.rollcall.simulator.http.Faults;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulator over real HTTP: OAuth2, the read binding, both dialects, faults, change over time. */
class SimulatorIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PATH = "/ims/oneroster/rostering/v1p2";

    private Simulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private Simulator start(Dialect dialect) {
        simulator = Simulator.start(Simulator.Options.defaults().withPort(0).withDialect(dialect));
        return simulator;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> token(String form, String basic) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basic != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return send(request);
    }

    private String accessToken() {
        HttpResponse<String> response =
                token("grant_type=client_credentials&client_id=demo&client_secret=demo-secret", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private HttpResponse<String> get(String token, String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + PATH + pathAndQuery));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.GET());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Test
    void clientCredentialsInTheBodyOrByBasicAndBadCredentialsAre401() {
        start(Dialect.STANDARD);
        assertThat(json(token("grant_type=client_credentials", "demo:demo-secret"))
                        .path("token_type")
                        .asString())
                .isEqualTo("Bearer");
        assertThat(token("grant_type=client_credentials&client_id=demo&client_secret=wrong", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(token("grant_type=password&client_id=demo&client_secret=demo-secret", null)
                        .statusCode())
                .isEqualTo(400);
        assertThat(get(null, "/users").statusCode()).isEqualTo(401);
        assertThat(get("made-up", "/users").statusCode()).isEqualTo(401);
    }

    @Test
    void fiveTeachersWithTheTotalAndPagingHeaders() {
        start(Dialect.STANDARD);
        HttpResponse<String> response = get(accessToken(), "/users?limit=5&filter=" + encode("role='teacher'"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode users = json(response).path("users");
        assertThat(users).hasSize(5);
        for (JsonNode user : users) {
            assertThat(user.path("roles").findValuesAsString("role")).contains("teacher");
            assertThat(user.path("enabledUser").isString()).isTrue();
        }
        long total =
                Long.parseLong(response.headers().firstValue("X-Total-Count").orElseThrow());
        assertThat(total).isGreaterThan(5);
        assertThat(response.headers().firstValue("Link").orElseThrow())
                .contains("rel=\"next\"")
                .contains("rel=\"last\"");
    }

    @Test
    void badQueriesGet400WithAnImsxPayload() {
        start(Dialect.STANDARD);
        String token = accessToken();

        HttpResponse<String> unknownField = get(token, "/users?filter=" + encode("shoeSize='9'"));
        assertThat(unknownField.statusCode()).isEqualTo(400);
        JsonNode info = json(unknownField).path("imsx_StatusInfo");
        assertThat(info.path("imsx_codeMajor").asString()).isEqualTo("failure");
        assertThat(info.path("imsx_CodeMinor")
                        .path("imsx_codeMinorField")
                        .get(0)
                        .path("imsx_codeMinorFieldValue")
                        .asString())
                .isEqualTo("invalid_filter_field");

        assertThat(codeMinor(get(token, "/users?fields=sourcedId,shoeSize"))).isEqualTo("invalid_selection_field");
        assertThat(get(token, "/users?limit=0").statusCode()).isEqualTo(400);
        assertThat(get(token, "/users?limit=-3").statusCode()).isEqualTo(400);
        assertThat(get(token, "/users?offset=-1").statusCode()).isEqualTo(400);
        assertThat(codeMinor(get(token, "/users/usr-9999999"))).isEqualTo("unknownobject");
    }

    private static String codeMinor(HttpResponse<String> response) {
        return json(response).findValue("imsx_codeMinorFieldValue").asString();
    }

    @Test
    void pagingEdgesFieldsSingleRecordsAndSubCollections() {
        start(Dialect.STANDARD);
        String token = accessToken();
        int users = simulator.roster().size("users");

        HttpResponse<String> past = get(token, "/users?offset=" + (users + 10));
        assertThat(json(past).path("users")).isEmpty();
        assertThat(past.headers().firstValue("X-Total-Count")).hasValue(Integer.toString(users));

        JsonNode trimmed =
                json(get(token, "/orgs?fields=sourcedId,name")).path("orgs").get(0);
        assertThat(trimmed.propertyNames()).containsExactlyInAnyOrder("sourcedId", "name");

        String id = json(get(token, "/students?limit=1"))
                .path("users")
                .get(0)
                .path("sourcedId")
                .asString();
        assertThat(json(get(token, "/users/" + id))
                        .path("user")
                        .path("sourcedId")
                        .asString())
                .isEqualTo(id);
        JsonNode classes = json(get(token, "/students/" + id + "/classes")).path("classes");
        assertThat(classes).isNotEmpty();
        String classId = classes.get(0).path("sourcedId").asString();
        JsonNode students =
                json(get(token, "/classes/" + classId + "/students")).path("users");
        assertThat(students.findValuesAsString("sourcedId")).contains(id);

        JsonNode schools = json(get(token, "/schools")).path("orgs");
        assertThat(schools).isNotEmpty();
        schools.forEach(school -> assertThat(school.path("type").asString()).isEqualTo("school"));
        JsonNode terms = json(get(token, "/terms")).path("academicSessions");
        assertThat(terms).isNotEmpty();
        terms.forEach(term -> assertThat(term.path("type").asString()).isEqualTo("term"));
    }

    @Test
    void timebackDialectPagesInTheBodyWithJsonBooleansAndFlatErrors() {
        start(Dialect.TIMEBACK);
        String token = accessToken();

        HttpResponse<String> response = get(token, "/users?limit=10&offset=20");
        JsonNode body = json(response);
        assertThat(response.headers().firstValue("X-Total-Count")).isEmpty();
        assertThat(body.path("totalCount").asInt()).isEqualTo(simulator.roster().size("users"));
        assertThat(body.path("pageNumber").asInt()).isEqualTo(3);
        assertThat(body.path("limit").asInt()).isEqualTo(10);
        assertThat(body.path("pageCount").asInt()).isPositive();
        assertThat(body.path("users").get(0).path("enabledUser").isBoolean()).isTrue();

        HttpResponse<String> error = get(token, "/users?filter=" + encode("shoeSize='9'"));
        assertThat(json(error).has("imsx_StatusInfo")).isFalse();
        assertThat(json(error).path("imsx_codeMajor").asString()).isEqualTo("failure");

        String first = body.path("users").get(0).path("sourcedId").asString();
        String second = body.path("users").get(1).path("sourcedId").asString();
        JsonNode inList = json(get(token, "/users?filter=" + encode("sourcedId@'" + first + "," + second + "'")));
        assertThat(inList.path("users").valueStream().map(user -> user.path("sourcedId")
                        .asString()))
                .containsExactly(first, second);
    }

    @Test
    void faultsAreInjected() {
        start(Dialect.STANDARD);
        String token = accessToken();

        simulator.faults(new Faults(0, 1, 7, 0, 503, 0, 0, 0, 0, false));
        HttpResponse<String> throttled = get(token, "/users");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(codeMinor(throttled)).isEqualTo("server_busy");

        simulator.faults(new Faults(0, 1, -1, 0, 503, 0, 0, 0, 0, false));
        assertThat(get(token, "/users").headers().firstValue("Retry-After")).isEmpty();

        simulator.faults(new Faults(0, 0, -1, 1, 502, 0, 0, 0, 0, false));
        assertThat(get(token, "/users").statusCode()).isEqualTo(502);

        simulator.faults(new Faults(0, 0, -1, 0, 503, 0, 1, 0, 0, false));
        HttpResponse<String> malformed = get(token, "/users");
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> JSON.readTree(malformed.body())).isInstanceOf(RuntimeException.class);

        simulator.faults(new Faults(0, 0, -1, 0, 503, 0, 0, 1, 0, false));
        assertThatThrownBy(() -> JSON.readTree(get(token, "/users").body())).isInstanceOf(RuntimeException.class);

        simulator.faults(new Faults(0, 0, -1, 0, 503, 0, 0, 0, 7, false));
        HttpResponse<String> capped = get(token, "/users?limit=50");
        assertThat(json(capped).path("users")).hasSize(7);

        simulator.faults(new Faults(0, 0.5, -1, 0, 503, 0, 0, 0, 0, false));
        long throttledCount = java.util.stream.IntStream.range(0, 10)
                .filter(i -> get(token, "/orgs").statusCode() == 429)
                .count();
        assertThat(throttledCount).isEqualTo(5);

        simulator.faults(new Faults(0, 0, -1, 0, 503, 0, 0, 0, 0, true));
        int before = simulator.roster().size("users");
        get(token, "/users?limit=5");
        assertThat(simulator.roster().size("users")).isEqualTo(before - 1);

        simulator.faults(Faults.NONE);
        HttpResponse<String> revoked =
                send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/admin/tokens/revoke"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(get(token, "/users").statusCode()).isEqualTo(401);
    }

    @Test
    void expiredTokensAreRefused() {
        simulator = Simulator.start(Simulator.Options.defaults().withPort(0).withTokenLifetime(Duration.ZERO));
        assertThat(get(accessToken(), "/users").statusCode()).isEqualTo(401);
    }

    @Test
    void changesOverTimeAnswerDeltaFiltersExactly() {
        start(Dialect.STANDARD);
        String token = accessToken();
        HttpResponse<String> changed = send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/admin/changes"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"collection\":\"users\",\"update\":5,\"softDelete\":2,\"add\":3}")));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

        java.util.Set<String> touched = new java.util.TreeSet<>();
        for (String kind : List.of("updated", "softDeleted", "added")) {
            json(changed).path(kind).forEach(id -> touched.add(id.asString()));
        }
        assertThat(touched).hasSizeGreaterThanOrEqualTo(8);

        JsonNode delta =
                json(get(token, "/users?limit=100&filter=" + encode("dateLastModified>'2025-08-01T00:00:00Z'")));
        assertThat(delta.path("users").valueStream().map(user -> user.path("sourcedId")
                        .asString()))
                .containsExactlyElementsOf(touched);
        assertThat(delta.path("users").valueStream().map(user -> user.path("status")
                        .asString()))
                .filteredOn("tobedeleted"::equals)
                .hasSize(2);

        String changedAt = delta.path("users").get(0).path("dateLastModified").asString();
        JsonNode inclusive =
                json(get(token, "/users?limit=100&filter=" + encode("dateLastModified>='" + changedAt + "'")));
        JsonNode exclusive =
                json(get(token, "/users?limit=100&filter=" + encode("dateLastModified>'" + changedAt + "'")));
        assertThat(inclusive.path("users").size())
                .isGreaterThan(exclusive.path("users").size());
        assertThat(inclusive.path("users").findValuesAsString("sourcedId"))
                .contains(delta.path("users").get(0).path("sourcedId").asString());
    }

    @Test
    void sameSeedSameBytesAcrossRestarts() {
        start(Dialect.STANDARD);
        String first = get(accessToken(), "/enrollments?limit=50&offset=100").body();
        simulator.close();
        start(Dialect.STANDARD);
        String second = get(accessToken(), "/enrollments?limit=50&offset=100").body();
        assertThat(second).isEqualTo(first);
        assertThat(List.of(first)).isNotEmpty();
    }

    @Test
    void flagsAreParsedWithEveryProblemAtOnce() {
        Simulator.Options options = Simulator.Options.parse(
                "--port", "9191", "--scale", "district", "--seed", "7", "--dialect", "timeback");
        assertThat(options.port()).isEqualTo(9191);
        assertThat(options.dialect()).isEqualTo(Dialect.TIMEBACK);
        assertThatThrownBy(() -> Simulator.Options.parse("--scale", "huge", "--dialect", "soap", "--bogus", "1"))
                .hasMessageContaining("--scale")
                .hasMessageContaining("--dialect")
                .hasMessageContaining("--bogus");
    }
}
