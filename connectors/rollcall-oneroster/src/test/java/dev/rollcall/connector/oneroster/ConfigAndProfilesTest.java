package dev.rollcall.connector.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.connector.api.config.ConfigProblem;
import dev.rollcall.connector.api.config.ConfigValidation;
import dev.rollcall.connector.api.http.UpstreamAuth;
import dev.rollcall.connector.oneroster.internal.OneRosterSettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Profiles are data; every profile field can be overridden; every config problem is reported at once. */
class ConfigAndProfilesTest {

    private static ConfigValidation validate(Map<String, Object> raw) {
        return new OneRosterConnectorFactory().descriptor().configSpec().validate(raw);
    }

    @Test
    void everyShippedProfileLoadsAndTimeBacksGenerationsDifferAsDocumented() {
        assertThat(OneRosterProfiles.NAMES)
                .allSatisfy(
                        name -> assertThat(OneRosterProfiles.get(name).name()).isEqualTo(name));
        OneRosterProfile platform = OneRosterProfiles.get("timeback-platform");
        assertThat(platform.pathPrefix()).isEqualTo("/rostering/1.0");
        assertThat(platform.maxPageSize()).isEqualTo(100);
        assertThat(platform.clientAuth()).isEqualTo(OneRosterProfile.ClientAuth.BASIC);
        assertThat(platform.totalField()).isEqualTo("total");
        OneRosterProfile timeback = OneRosterProfiles.get("timeback");
        assertThat(timeback.maxPageSize()).isEqualTo(3000);
        assertThat(timeback.clientAuth()).isEqualTo(OneRosterProfile.ClientAuth.FORM);
        assertThat(timeback.environment("staging").orElseThrow().baseUrl())
                .isEqualTo("https://api.staging.alpha-1edtech.ai");
        assertThat(OneRosterProfiles.get("oneroster-1.1").auth()).isEqualTo(OneRosterProfile.AuthKind.OAUTH1);
    }

    @Test
    void aProfileThatDoesNotParseNamesEveryProblem() {
        var json = JsonMapper.builder().build().readTree("""
                {"name":"broken","pathPrefix":"no-slash","paging":"carrier-pigeon","maxPageSize":0}""");
        assertThatThrownBy(() -> OneRosterProfiles.parse(json))
                .hasMessageContaining("pathPrefix: must start with '/'")
                .hasMessageContaining("paging: must be one of")
                .hasMessageContaining("maxPageSize: must be a whole number of at least 1");
    }

    @Test
    void aTimebackPlatformConfigResolvesItsRelativeTokenUrlBasicAuthAndScope() {
        ConfigValidation validation = validate(Map.of(
                "profile", "timeback-platform", "environment", "staging", "clientId", "id", "clientSecret", "s3cret"));
        assertThat(validation.problems()).isEmpty();
        OneRosterSettings settings = OneRosterSettings.resolve(validation.config());
        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://platform.dev.timeback.com"));
        var auth = (UpstreamAuth.OAuth2ClientCredentials) settings.auth();
        assertThat(auth.tokenUrl()).isEqualTo(URI.create("https://platform.dev.timeback.com/auth/1.0/token"));
        assertThat(auth.clientAuth()).isEqualTo(UpstreamAuth.ClientAuthMethod.BASIC);
        assertThat(auth.scope()).contains("roster.readonly");
        assertThat(settings.pageSize()).isEqualTo(100);
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void everyProfileFieldCanBeOverridden() {
        Map<String, Object> raw = new LinkedHashMap<>(Map.of(
                "profile", "timeback",
                "baseUrl", "https://sandbox.example.org",
                "tokenUrl", "https://auth.example.org/token",
                "clientAuth", "basic",
                "scope", "roster-core.readonly",
                "pathPrefix", "/rostering/1.0",
                "trailingSlash", false,
                "paging", "headers",
                "pageSize", 250,
                "booleans", "string"));
        raw.put("clientId", "id");
        raw.put("clientSecret", "secret");
        raw.put("writes", false);
        OneRosterSettings settings = OneRosterSettings.resolve(validate(raw).config());
        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://sandbox.example.org"));
        assertThat(((UpstreamAuth.OAuth2ClientCredentials) settings.auth()).scope())
                .isEqualTo("roster-core.readonly");
        assertThat(settings.pathPrefix()).isEqualTo("/rostering/1.0");
        assertThat(settings.trailingSlash()).isFalse();
        assertThat(settings.paging()).isEqualTo(OneRosterProfile.Paging.HEADERS);
        assertThat(settings.pageSize()).isEqualTo(250);
        assertThat(settings.booleans()).isEqualTo(OneRosterProfile.BooleanStyle.STRING);
        assertThat(settings.writes()).isFalse();
    }

    @Test
    void everyProblemIsReportedAtOnceEachNamingItsField() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("profile", "oneroster-1.2");
        raw.put("pageSize", 0);
        raw.put("tokenUrl", "token");
        raw.put("streams", "users,teachers");
        raw.put("filter.users", "a='1' AND b='2' OR c='3'");
        raw.put("writes", true);
        raw.put("readTimeout", "0s");
        ConfigValidation validation = validate(raw);
        assertThat(validation.problems())
                .extracting(ConfigProblem::field)
                .contains(
                        "pageSize",
                        "tokenUrl",
                        "streams",
                        "filter.users",
                        "readTimeout",
                        "baseUrl",
                        "clientId",
                        "clientSecret",
                        "writes");
        assertThat(validation.problems())
                .allSatisfy(problem -> assertThat(problem.reason()).isNotBlank());
        assertThat(validation.problems().toString()).contains("teachers");
    }
}
