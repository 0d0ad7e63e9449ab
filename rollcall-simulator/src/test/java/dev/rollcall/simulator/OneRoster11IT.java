package dev.rollcall.simulator;

import static dev.rollcall.simulator.SimulatorClient.codeMinor;
import static dev.rollcall.simulator.SimulatorClient.json;
import static dev.rollcall.simulator.SimulatorClient.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.connector.api.http.OAuth1Signature;
import dev.rollcall.simulator.http.Dialect;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The {@code oneroster-1.1} dialect over real HTTP: v1p1 paths, 1.1 shapes, OAuth 1.0a signatures. */
class OneRoster11IT {

    private static final String BASE = "/ims/oneroster/v1p1";

    private Simulator simulator;

    @BeforeEach
    void start() {
        simulator = Simulator.start(Simulator.Options.defaults().withPort(0).withDialect(Dialect.ONEROSTER_1_1));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private URI uri(String pathAndQuery) {
        return URI.create(simulator.baseUrl() + BASE + pathAndQuery);
    }

    private HttpResponse<String> signedGet(
            String pathAndQuery, String secret, OAuth1Signature.Method method, String nonce, long timestamp) {
        URI uri = uri(pathAndQuery);
        String header = OAuth1Signature.authorizationHeader("GET", uri, null, "demo", secret, method, nonce, timestamp);
        return send(HttpRequest.newBuilder(uri).header("Authorization", header).GET());
    }

    private HttpResponse<String> signedGet(String pathAndQuery) {
        return signedGet(
                pathAndQuery,
                "demo-secret",
                OAuth1Signature.Method.HMAC_SHA256,
                UUID.randomUUID().toString(),
                Instant.now().getEpochSecond());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void signedRequestsGetUsersWithASingleRoleAndOrgs() {
        HttpResponse<String> response = signedGet("/users?limit=5&filter=" + encode("role='teacher'"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Total-Count")).isPresent();
        JsonNode users = json(response).path("users");
        assertThat(users).hasSize(5);
        for (JsonNode user : users) {
            assertThat(user.path("role").asString()).isEqualTo("teacher");
            assertThat(user.path("orgs").isArray()).isTrue();
            assertThat(user.path("orgs").get(0).path("sourcedId").asString()).startsWith("org-");
            assertThat(user.has("roles")).isFalse();
            assertThat(user.has("userMasterIdentifier")).isFalse();
            assertThat(user.has("primaryOrg")).isFalse();
        }
    }

    @Test
    void administratorsOf12BecomeAdministratorAndFieldsCanSelectOrgs() {
        JsonNode everyone =
                json(signedGet("/users?limit=1000&fields=sourcedId,role,orgs")).path("users");

        assertThat(everyone.valueStream().map(user -> user.path("role").asString()))
                .contains("student", "teacher", "administrator", "guardian")
                .doesNotContain("siteAdministrator", "districtAdministrator");
        assertThat(everyone.get(0).propertyNames()).containsExactlyInAnyOrder("sourcedId", "role", "orgs");
        JsonNode demographics = json(signedGet("/demographics?limit=50")).path("demographics");
        assertThat(demographics.valueStream().filter(record -> record.has("countryOfBirthCode")))
                .isEmpty();
        JsonNode single = json(signedGet(
                        "/users/" + everyone.get(0).path("sourcedId").asString()))
                .path("user");
        assertThat(single.has("role")).isTrue();
    }

    @Test
    void hmacSha1AndParametersInTheQueryAreAccepted() {
        assertThat(signedGet("/orgs", "demo-secret", OAuth1Signature.Method.HMAC_SHA1, "n-sha1", now())
                        .statusCode())
                .isEqualTo(200);

        URI plain = uri("/orgs?limit=2");
        String header = OAuth1Signature.authorizationHeader(
                "GET", plain, null, "demo", "demo-secret", OAuth1Signature.Method.HMAC_SHA256, "n-query", now());
        StringBuilder query = new StringBuilder("?limit=2");
        OAuth1Signature.parseAuthorizationHeader(header)
                .forEach((name, value) ->
                        query.append('&').append(name).append('=').append(encode(value)));
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/orgs" + query)).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("orgs")).hasSize(2);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void badSignaturesStaleTimestampsReplaysAndBearerTokensAre401() {
        HttpResponse<String> unsigned =
                send(HttpRequest.newBuilder(uri("/users")).GET());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(codeMinor(unsigned)).isEqualTo("unauthorisedrequest");

        HttpResponse<String> wrongSecret =
                signedGet("/users", "not-the-secret", OAuth1Signature.Method.HMAC_SHA256, "n1", now());
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(json(wrongSecret)
                        .path("imsx_StatusInfo")
                        .path("imsx_description")
                        .asString())
                .contains("oauth_signature");

        HttpResponse<String> stale =
                signedGet("/users", "demo-secret", OAuth1Signature.Method.HMAC_SHA256, "n2", now() - 301);
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(json(stale).path("imsx_StatusInfo").path("imsx_description").asString())
                .contains("oauth_timestamp");

        long timestamp = now();
        assertThat(signedGet("/users", "demo-secret", OAuth1Signature.Method.HMAC_SHA256, "n3", timestamp)
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> replay =
                signedGet("/users", "demo-secret", OAuth1Signature.Method.HMAC_SHA256, "n3", timestamp);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(json(replay).path("imsx_StatusInfo").path("imsx_description").asString())
                .contains("oauth_nonce");

        URI tampered = uri("/users?limit=1");
        String header = OAuth1Signature.authorizationHeader(
                "GET", tampered, null, "demo", "demo-secret", OAuth1Signature.Method.HMAC_SHA256, "n4", now());
        assertThat(send(HttpRequest.newBuilder(uri("/users?limit=2"))
                                .header("Authorization", header)
                                .GET())
                        .statusCode())
                .isEqualTo(401);

        String token = new SimulatorClient(simulator).token();
        assertThat(send(HttpRequest.newBuilder(uri("/users"))
                                .header("Authorization", "Bearer " + token)
                                .GET())
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/ims/oneroster/rostering/v1p2/users"))
                                .GET())
                        .statusCode())
                .isEqualTo(404);
    }
}
