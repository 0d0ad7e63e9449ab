package dev.rollcall.connector.oneroster;

import static dev.rollcall.connector.oneroster.CannedUpstream.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.connector.api.CheckResult;
import dev.rollcall.connector.api.CheckResult.Finding;
import dev.rollcall.connector.api.error.AuthenticationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connection doctor's findings, each failure with what to do. */
class ConnectionDoctorTest {

    private static Finding finding(CheckResult result, String name) {
        return result.findings().stream()
                .filter(finding -> finding.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + name + " in " + result.findings()));
    }

    @Test
    void aHealthyTimebackServerIsDescribed() throws Exception {
        CannedUpstream upstream = new CannedUpstream(request -> {
            String collection = request.uri().getPath().replaceAll(".*/([A-Za-z]+)/?$", "$1");
            int limit = Integer.parseInt(CannedUpstream.param(request, "limit"));
            String records = collection.equals("users")
                    ? CannedUpstream.users(0, Math.min(limit, 2), "")
                            .replaceFirst("^\\{\"users\":", "")
                            .replaceFirst("}$", "")
                            .replace("\"enabledUser\":\"true\"", "\"enabledUser\":true")
                    : "[]";
            return json(
                    200,
                    "{\"" + collection + "\":" + records + ",\"totalCount\":" + (collection.equals("users") ? 4000 : 0)
                            + "}",
                    Map.of("Date", List.of("Thu, 15 Jan 2026 12:00:02 GMT")));
        });
        CheckResult result = upstream.open(CannedUpstream.config("timeback")).check();
        assertThat(result.status()).as("%s", result.findings()).isEqualTo(CheckResult.Status.WARNING);
        assertThat(finding(result, "token").status()).isEqualTo(CheckResult.Status.OK);
        assertThat(finding(result, "users").message()).isEqualTo("4000 records");
        assertThat(finding(result, "paging").message()).contains("in the body ('totalCount')");
        assertThat(finding(result, "dialect").message()).contains("OneRoster 1.2 with json booleans");
        assertThat(finding(result, "filter").status()).isEqualTo(CheckResult.Status.OK);
        assertThat(finding(result, "clock").message()).contains("2 s behind");
        // asked for 3001, the fake hands out 2: the real maximum is reported with what to set
        assertThat(finding(result, "pageMaximum").message())
                .contains("at most 2 records per page")
                .contains("pageSize=2");
    }

    @Test
    void aWrongPathPrefixIsExplainedWithThePrefixTheServerAnswersUnder() throws Exception {
        CannedUpstream upstream =
                new CannedUpstream(request -> request.uri().getPath().startsWith("/rostering/1.0/")
                        ? json(200, "{\"orgs\":[],\"users\":[],\"total\":0}")
                        : json(404, "{\"imsx_codeMajor\":\"failure\",\"imsx_description\":\"no route\"}"));
        CheckResult result =
                upstream.open(CannedUpstream.config("oneroster-1.2")).check();
        assertThat(result.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(finding(result, "orgs").message()).contains("set pathPrefix to /rostering/1.0");
    }

    @Test
    void aMissingScopeAndARefusedSecretAreNamed() throws Exception {
        CannedUpstream forbidden =
                new CannedUpstream(request -> request.uri().getPath().endsWith("/demographics")
                        ? json(403, "{\"imsx_codeMajor\":\"failure\",\"imsx_description\":\"scope\"}")
                        : json(
                                200,
                                "{\"orgs\":[],\"academicSessions\":[],\"courses\":[],\"classes\":[],\"users\":[],"
                                        + "\"enrollments\":[]}",
                                Map.of("X-Total-Count", List.of("0"))));
        CheckResult result =
                forbidden.open(CannedUpstream.config("oneroster-1.2")).check();
        assertThat(finding(result, "demographics").message()).contains("roster-demographics.readonly");

        CannedUpstream refused = new CannedUpstream(request -> json(200, "{}"));
        refused.authenticationFailure = new AuthenticationException("token endpoint answered 401 (invalid_client)");
        CheckResult denied =
                refused.open(CannedUpstream.config("oneroster-1.2")).check();
        assertThat(denied.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(finding(denied, "token").message()).contains("check clientId and clientSecret");
        assertThat(refused.requests).as("nothing else is tried without a token").isEmpty();
    }

    @Test
    void clockSkewIsReported() throws Exception {
        CannedUpstream upstream = new CannedUpstream(request ->
                json(200, "{\"orgs\":[],\"users\":[]}", Map.of("Date", List.of("Thu, 15 Jan 2026 11:50:00 GMT"))));
        Map<String, Object> config = CannedUpstream.config("oneroster-1.2");
        config.put("streams", "orgs");
        CheckResult result = upstream.open(config).check();
        assertThat(finding(result, "clock").status()).isEqualTo(CheckResult.Status.WARNING);
        assertThat(finding(result, "clock").message()).contains("600 s ahead").contains("NTP");
    }
}
