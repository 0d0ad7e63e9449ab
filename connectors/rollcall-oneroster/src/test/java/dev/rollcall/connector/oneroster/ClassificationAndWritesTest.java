package dev.rollcall.connector.oneroster;

import static dev.rollcall.connector.oneroster.CannedUpstream.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.error.AuthenticationException;
import dev.rollcall.connector.api.error.ConfigurationException;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.error.DataException;
import dev.rollcall.connector.api.error.RateLimitedException;
import dev.rollcall.connector.api.error.RetriableException;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.Enrollment;
import dev.rollcall.connector.api.model.EnrollmentRole;
import dev.rollcall.connector.api.model.GuidRef;
import dev.rollcall.connector.api.model.GuidType;
import dev.rollcall.connector.api.model.Status;
import dev.rollcall.connector.api.model.User;
import dev.rollcall.connector.api.write.RosterWriter;
import dev.rollcall.connector.api.write.WriteOperation;
import dev.rollcall.connector.api.write.WriteResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One classifier decides what a status means; writes use TimeBack's wrapper bodies. */
class ClassificationAndWritesTest {

    private static ConnectorException readFailure(int status, Map<String, List<String>> headers) throws Exception {
        CannedUpstream upstream = new CannedUpstream(request ->
                json(status, "{\"imsx_codeMajor\":\"failure\",\"imsx_description\":\"said the server\"}", headers));
        try {
            upstream.open(CannedUpstream.config("oneroster-1.2")).read(ReadRequest.full("users", null, 10));
        } catch (ConnectorException e) {
            return e;
        }
        throw new AssertionError("no failure for " + status);
    }

    @Test
    void statusesAreClassifiedOnce() throws Exception {
        assertThat(readFailure(401, Map.of()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("clientSecret");
        assertThat(readFailure(403, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("scope");
        assertThat(readFailure(404, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("pathPrefix");
        assertThat(readFailure(400, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("said the server");
        assertThat(readFailure(503, Map.of())).isInstanceOf(RetriableException.class);
        ConnectorException throttled = readFailure(429, Map.of("Retry-After", List.of("7")));
        assertThat(throttled).isInstanceOf(RateLimitedException.class);
        assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(7));
        ConnectorException dated = readFailure(429, Map.of("Retry-After", List.of("Thu, 15 Jan 2026 12:00:30 GMT")));
        assertThat(dated.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(readFailure(401, Map.of()).isRetriable()).isFalse();
    }

    private static final User USER = RosterJson.read(User.class, CannedUpstream.user("u-7"));

    private static RosterWriter writer(CannedUpstream upstream) throws Exception {
        return upstream.open(CannedUpstream.config("timeback")).writer().orElseThrow();
    }

    private static JsonNode body(UpstreamRequest request) {
        return RosterJson.mapper().readTree(new String(request.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aCreateWithoutAnIdPostsTheWrapperBodyAndTakesTheAllocatedId() throws Exception {
        CannedUpstream upstream = new CannedUpstream(request ->
                json(201, "{\"sourcedIdPairs\":{\"suppliedSourcedId\":null,\"allocatedSourcedId\":\"u-900\"}}"));
        WriteResult result = writer(upstream).write(WriteOperation.CREATE, "users", null, USER);
        assertThat(result.externalId()).isEqualTo("u-900");
        UpstreamRequest request = upstream.requests.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri().getPath()).isEqualTo("/ims/oneroster/rostering/v1p2/users/");
        JsonNode user = body(request).path("user");
        assertThat(user.has("sourcedId")).isFalse();
        assertThat(user.path("enabledUser").isBoolean())
                .as("TimeBack's JSON booleans")
                .isTrue();
        assertThat(request.priority()).isEqualTo(UpstreamRequest.Priority.WRITE);
    }

    @Test
    void updateIsAPutDeleteIsASoftDeleteAndAMissingRecordIsNotAnError() throws Exception {
        CannedUpstream upstream = new CannedUpstream(request -> switch (request.method()) {
            case "PUT" -> json(200, "{}");
            case "DELETE" -> request.uri().getPath().endsWith("/u-gone") ? json(404, "{}") : json(204, "");
            default -> json(405, "{}");
        });
        RosterWriter writer = writer(upstream);
        assertThat(writer.write(WriteOperation.UPDATE, "users", "u-7", USER).applied())
                .isTrue();
        assertThat(upstream.requests.getFirst().uri().getPath()).isEqualTo("/ims/oneroster/rostering/v1p2/users/u-7");
        assertThat(body(upstream.requests.getFirst())
                        .path("user")
                        .path("sourcedId")
                        .asString())
                .isEqualTo("u-7");
        assertThat(writer.write(WriteOperation.DELETE, "users", "u-7", null).applied())
                .isTrue();
        WriteResult gone = writer.write(WriteOperation.DELETE, "users", "u-gone", null);
        assertThat(gone.applied()).isFalse();
    }

    @Test
    void aStudentEnrollmentIsPostedToTheClassRosterAndARefusedRecordIsADataError() throws Exception {
        CannedUpstream upstream = new CannedUpstream(request -> request.uri()
                        .getPath()
                        .contains("/classes/")
                ? json(201, "{\"sourcedIdPairs\":{\"allocatedSourcedId\":\"e-1\"}}")
                : json(422, "{\"imsx_codeMajor\":\"failure\",\"imsx_description\":\"user.roles: is required\"}"));
        Enrollment enrollment = new Enrollment(
                "e-0",
                Status.ACTIVE,
                null,
                Map.of(),
                GuidRef.to(GuidType.USER, "u-7"),
                GuidRef.to(GuidType.CLASS, "c-1"),
                GuidRef.to(GuidType.ORG, "o-1"),
                EnrollmentRole.STUDENT,
                null,
                null,
                null);
        WriteResult result = writer(upstream).write(WriteOperation.CREATE, "enrollments", null, enrollment);
        assertThat(result.externalId()).isEqualTo("e-1");
        assertThat(upstream.requests.getFirst().uri().getPath())
                .isEqualTo("/ims/oneroster/rostering/v1p2/classes/c-1/students");
        assertThat(body(upstream.requests.getFirst()).has("enrollment")).isTrue();
        assertThatThrownBy(() -> writer(upstream).write(WriteOperation.CREATE, "users", null, USER))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("user.roles: is required");
    }

    @Test
    void aReadOnlyProfileHasNoWriter() throws Exception {
        CannedUpstream upstream = new CannedUpstream(request -> json(200, "{}"));
        assertThat(upstream.open(CannedUpstream.config("oneroster-1.2")).writer())
                .isEmpty();
    }
}
