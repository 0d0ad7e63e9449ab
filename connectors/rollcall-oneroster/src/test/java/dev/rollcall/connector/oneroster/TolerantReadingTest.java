package dev.rollcall.connector.oneroster;

import static dev.rollcall.connector.oneroster.CannedUpstream.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.error.DataException;
import dev.rollcall.connector.api.error.RetriableException;
import dev.rollcall.connector.api.model.RoleName;
import dev.rollcall.connector.api.model.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What real servers send, read into the canonical model; one bad record is one error. */
class TolerantReadingTest {

    private static Page page(String profile, String body) throws Exception {
        CannedUpstream upstream = new CannedUpstream(request -> json(200, body, Map.of("X-Total-Count", List.of("3"))));
        return upstream.open(CannedUpstream.config(profile)).read(ReadRequest.full("users", null, 100));
    }

    @Test
    void booleansAsStringsOrJsonInactiveStatusExtVocabulariesAndUnknownFieldsAreRead() throws Exception {
        Page page = page("oneroster-1.2", """
                {"users":[
                 {"sourcedId":"u-1","status":"active","dateLastModified":"2025-08-01T00:00:00Z","enabledUser":true,
                  "givenName":"A","familyName":"B","favouriteColour":"teal",
                  "roles":[{"roleType":"primary","role":"ext:mentor","org":{"href":"https://x.org/orgs/o-1","sourcedId":"o-1","type":"org"}}]},
                 {"sourcedId":"u-2","status":"inactive","dateLastModified":"2025-08-01T00:00:00Z","enabledUser":"FALSE",
                  "givenName":"C","familyName":"D",
                  "roles":[{"roleType":"primary","role":"teacher","org":{"sourcedId":"o-1"}}]}
                ]}""");
        assertThat(page.errors()).isEmpty();
        SourceRecord first = page.records().get(0);
        User user = (User) first.entity();
        assertThat(user.enabledUser()).isTrue();
        assertThat(user.roles().getFirst().role()).isEqualTo(RoleName.of("ext:mentor"));
        assertThat(user.roles().getFirst().org().href()).isEqualTo("https://x.org/orgs/o-1");
        assertThat(first.payload().path("favouriteColour").asString())
                .as("unknown fields stay in the payload")
                .isEqualTo("teal");
        SourceRecord second = page.records().get(1);
        assertThat(second.deleted()).as("1.0's inactive is tobedeleted").isTrue();
        assertThat(((User) second.entity()).enabledUser()).isFalse();
    }

    @Test
    void aOneOneUsersSingleRoleAndOrgsBecomeRoles() throws Exception {
        Page page = page("oneroster-1.1", """
                {"users":[{"sourcedId":"u-1","status":"active","dateLastModified":"2025-08-01T00:00:00Z",
                  "enabledUser":"true","givenName":"A","familyName":"B","role":"teacher",
                  "orgs":[{"href":"/orgs/o-1","sourcedId":"o-1","type":"org"},{"href":"/orgs/o-2","sourcedId":"o-2","type":"org"}]}]}""");
        assertThat(page.errors()).isEmpty();
        User user = (User) page.records().getFirst().entity();
        assertThat(user.roles()).hasSize(2);
        assertThat(user.roles()).allSatisfy(role -> {
            assertThat(role.role()).isEqualTo(RoleName.TEACHER);
            assertThat(role.roleType().value()).isEqualTo("primary");
        });
        assertThat(user.roles().stream().map(role -> role.org().sourcedId())).containsExactly("o-1", "o-2");
        assertThat(page.records().getFirst().payload().has("roles"))
                .as("the payload is what the server sent")
                .isFalse();
    }

    @Test
    void oneBadRecordIsOneRecordErrorNamingTheFieldAndTheRestOfThePageIsKept() throws Exception {
        Page page = page("oneroster-1.2", """
                {"users":[%s,
                 {"sourcedId":"u-bad","status":"active","dateLastModified":"2025-08-01T00:00:00Z","enabledUser":"true",
                  "givenName":"A","familyName":"B","roles":[]},
                 {"sourcedId":"u-worse","status":"active","dateLastModified":"not a date","enabledUser":"maybe",
                  "givenName":"A","familyName":"B","roles":[]},
                 "not an object",
                 %s]}""".formatted(CannedUpstream.user("u-1"), CannedUpstream.user("u-2")));
        assertThat(page.records()).extracting(SourceRecord::externalId).containsExactly("u-1", "u-2");
        assertThat(page.errors()).hasSize(3);
        assertThat(page.errors().get(0).externalId()).isEqualTo("u-bad");
        assertThat(page.errors().get(0).reason()).isEqualTo("roles: needs at least one role");
        assertThat(page.errors().get(1).externalId()).isEqualTo("u-worse");
        assertThat(page.errors().get(1).reason()).startsWith("dateLastModified: ");
        assertThat(page.errors().get(2).externalId()).isNull();
        assertThat(page.errors().get(2).reason()).contains("record: must be a JSON object");
        assertThat(page.errors())
                .allSatisfy(error -> assertThat(error.payload()).isNotNull());
    }

    @Test
    void aTruncatedOrMalformedPageIsRetriable() throws Exception {
        for (String body : List.of("{\"users\": [ {\"sourcedId\": \"oops\", ", "<html>busy</html>")) {
            CannedUpstream upstream = new CannedUpstream(request -> json(200, body));
            assertThatThrownBy(() -> upstream.open(CannedUpstream.config("oneroster-1.2"))
                            .read(ReadRequest.full("users", null, 10)))
                    .isInstanceOf(RetriableException.class)
                    .hasMessageContaining("truncated or malformed");
        }
    }

    @Test
    void fetchReadsTheWrappedRecordAMissingOneIsEmptyABadOneIsADataError() throws Exception {
        CannedUpstream upstream = new CannedUpstream(request -> switch (request.uri()
                .getPath()) {
            case "/ims/oneroster/rostering/v1p2/users/u-1" ->
                json(200, "{\"user\":" + CannedUpstream.user("u-1") + "}");
            case "/ims/oneroster/rostering/v1p2/users/u-bad" ->
                json(200, "{\"user\":{\"sourcedId\":\"u-bad\",\"status\":\"active\",\"roles\":[]}}");
            default ->
                json(404, "{\"imsx_StatusInfo\":{\"imsx_codeMajor\":\"failure\",\"imsx_description\":\"gone\"}}");
        });
        var connector = upstream.open(CannedUpstream.config("oneroster-1.2"));
        assertThat(connector.fetch("users", "u-1"))
                .get()
                .extracting(SourceRecord::externalId)
                .isEqualTo("u-1");
        assertThat(connector.fetch("users", "u-9")).isEmpty();
        assertThatThrownBy(() -> connector.fetch("users", "u-bad"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("u-bad")
                .hasMessageContaining("roles: needs at least one role");
    }
}
