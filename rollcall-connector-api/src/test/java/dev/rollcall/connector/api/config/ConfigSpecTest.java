package dev.rollcall.connector.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigSpecTest {

    private static final String SECRET_VALUE = "s3cr3t-Value-9f8e7d";

    /** A OneRoster REST connector's configuration, one field of each type. */
    private static ConfigSpec.Builder specBuilder() {
        return ConfigSpec.builder()
                .field(ConfigField.url("baseUrl").label("Base URL").required())
                .field(ConfigField.string("clientId").required())
                .field(ConfigField.secret("clientSecret").required())
                .field(ConfigField.integer("pageSize").range(1, 3000).defaultValue(100))
                .field(ConfigField.bool("verifyTls").defaultValue(true))
                .field(ConfigField.oneOf("authMode", "oauth2", "oauth1", "basic")
                        .defaultValue("oauth2"))
                .field(ConfigField.duration("timeout").defaultValue("30s"))
                .field(ConfigField.stringList("schools"))
                .field(ConfigField.url("tokenUrl"));
    }

    private static final ConfigSpec SPEC = specBuilder().build();

    private static Map<String, Object> minimal() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("baseUrl", "https://sis.example.edu/ims/oneroster/rostering/v1p2");
        raw.put("clientId", "rollcall");
        raw.put("clientSecret", SECRET_VALUE);
        return raw;
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> raw = minimal();
        raw.put(key, value);
        return raw;
    }

    private static ConnectorConfig valid(Map<String, ?> raw) {
        ConfigValidation validation = SPEC.validate(raw);
        assertThat(validation.problems()).isEmpty();
        assertThat(validation.valid()).isTrue();
        return validation.validConfig().orElseThrow();
    }

    private static ConfigProblem onlyProblem(Map<String, ?> raw) {
        ConfigValidation validation = SPEC.validate(raw);
        assertThat(validation.valid()).isFalse();
        assertThat(validation.problems()).hasSize(1);
        return validation.problems().getFirst();
    }

    @Nested
    class TypedValues {

        @Test
        void defaultsAreAppliedAndTyped() {
            ConnectorConfig config = valid(minimal());

            assertThat(config.values().get("pageSize")).isInstanceOf(Long.class).isEqualTo(100L);
            assertThat(config.integer("pageSize")).isEqualTo(100L);
            assertThat(config.values().get("verifyTls")).isEqualTo(Boolean.TRUE);
            assertThat(config.bool("verifyTls")).isTrue();
            assertThat(config.string("authMode")).isEqualTo("oauth2");
            assertThat(config.duration("timeout")).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.has("schools")).isFalse();
            assertThat(config.stringList("schools")).isEmpty();
            assertThat(config.has("tokenUrl")).isFalse();
            assertThat(config.optional("tokenUrl", URI.class)).isEmpty();
        }

        @Test
        void everyValueHasTheJavaTypeOfItsField() {
            Map<String, Object> raw = minimal();
            raw.put("pageSize", 250);
            raw.put("verifyTls", false);
            raw.put("authMode", "basic");
            raw.put("timeout", "PT1M30S");
            raw.put("schools", List.of("org-school-1", " org-school-2 "));
            raw.put("tokenUrl", "https://sis.example.edu/oauth/token");

            ConnectorConfig config = valid(raw);

            assertThat(config.values())
                    .hasEntrySatisfying("baseUrl", value -> assertThat(value).isInstanceOf(URI.class))
                    .hasEntrySatisfying("clientId", value -> assertThat(value).isInstanceOf(String.class))
                    .hasEntrySatisfying(
                            "clientSecret", value -> assertThat(value).isInstanceOf(Secret.class))
                    .hasEntrySatisfying("pageSize", value -> assertThat(value).isInstanceOf(Long.class))
                    .hasEntrySatisfying("verifyTls", value -> assertThat(value).isInstanceOf(Boolean.class))
                    .hasEntrySatisfying("authMode", value -> assertThat(value).isInstanceOf(String.class))
                    .hasEntrySatisfying("timeout", value -> assertThat(value).isInstanceOf(Duration.class))
                    .hasEntrySatisfying("schools", value -> assertThat(value).isInstanceOf(List.class))
                    .hasEntrySatisfying("tokenUrl", value -> assertThat(value).isInstanceOf(URI.class));
            assertThat(config.uri("baseUrl"))
                    .isEqualTo(URI.create("https://sis.example.edu/ims/oneroster/rostering/v1p2"));
            assertThat(config.string("clientId")).isEqualTo("rollcall");
            assertThat(config.secret("clientSecret").reveal()).isEqualTo(SECRET_VALUE);
            assertThat(config.integer("pageSize")).isEqualTo(250L);
            assertThat(config.bool("verifyTls")).isFalse();
            assertThat(config.string("authMode")).isEqualTo("basic");
            assertThat(config.duration("timeout")).isEqualTo(Duration.ofSeconds(90));
            assertThat(config.stringList("schools")).containsExactly("org-school-1", "org-school-2");
            assertThat(config.uri("tokenUrl").getHost()).isEqualTo("sis.example.edu");
        }

        @Test
        void stringsAreAcceptedForEveryType() {
            Map<String, Object> raw = minimal();
            raw.put("pageSize", " 3000 ");
            raw.put("verifyTls", "FALSE");
            raw.put("schools", "org-school-1, org-school-2,,org-school-3 ");
            raw.put("clientId", "  rollcall  ");

            ConnectorConfig config = valid(raw);

            assertThat(config.integer("pageSize")).isEqualTo(3000L);
            assertThat(config.bool("verifyTls")).isFalse();
            assertThat(config.stringList("schools")).containsExactly("org-school-1", "org-school-2", "org-school-3");
            assertThat(config.string("clientId")).isEqualTo("rollcall");
        }

        @ParameterizedTest
        @CsvSource({"1, 1", "3000, 3000", "12.0, 12", "1e3, 1000", "'  42 ', 42"})
        void wholeNumbersInRangeAreAccepted(String raw, long expected) {
            assertThat(valid(with("pageSize", raw)).integer("pageSize")).isEqualTo(expected);
        }

        @Test
        void jsonNumbersOfEveryJavaTypeAreAccepted() {
            assertThat(valid(with("pageSize", 7L)).integer("pageSize")).isEqualTo(7L);
            assertThat(valid(with("pageSize", 7.0d)).integer("pageSize")).isEqualTo(7L);
            assertThat(valid(with("pageSize", new java.math.BigDecimal("7.00"))).integer("pageSize"))
                    .isEqualTo(7L);
            assertThat(valid(with("pageSize", java.math.BigInteger.valueOf(7))).integer("pageSize"))
                    .isEqualTo(7L);
        }

        @ParameterizedTest
        @CsvSource({
            "500ms, PT0.5S",
            "30s, PT30S",
            "30 s, PT30S",
            "5m, PT5M",
            "1h, PT1H",
            "1d, PT24H",
            "2H, PT2H",
            "PT45S, PT45S",
            "pt2m, PT2M",
            "P1D, PT24H",
        })
        void durationsAreReadInBothForms(String raw, String expected) {
            assertThat(valid(with("timeout", raw)).duration("timeout")).isEqualTo(Duration.parse(expected));
        }

        @Test
        void aNumberIsADurationInSeconds() {
            assertThat(valid(with("timeout", 45)).duration("timeout")).isEqualTo(Duration.ofSeconds(45));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "http://localhost:8080/oneroster",
                    "HTTPS://SIS.example.edu",
                    "https://sis.example.edu/a?b=c#d"
                })
        void httpAndHttpsUrlsAreAccepted(String url) {
            assertThat(valid(with("baseUrl", url)).uri("baseUrl")).isEqualTo(URI.create(url));
        }

        @Test
        void nullAndBlankMeanAbsent() {
            Map<String, Object> raw = minimal();
            raw.put("pageSize", null);
            raw.put("timeout", "   ");
            raw.put("tokenUrl", "");

            ConnectorConfig config = valid(raw);

            assertThat(config.integer("pageSize")).isEqualTo(100L);
            assertThat(config.duration("timeout")).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.has("tokenUrl")).isFalse();
        }

        @Test
        void theConfigIsImmutable() {
            ConnectorConfig config = valid(minimal());

            assertThatThrownBy(() -> config.values().put("pageSize", 1L))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Problems {

        @Test
        void everyProblemIsCollectedAtOnce() {
            Map<String, Object> raw = new HashMap<>();
            raw.put("baseUrl", "ftp://sis.example.edu/roster");
            raw.put("clientSecret", 12345);
            raw.put("pageSize", 5000);
            raw.put("verifyTls", "yes");
            raw.put("authMode", "kerberos");
            raw.put("timeout", "soon");
            raw.put("schools", List.of(1, 2));
            raw.put("tokenUrl", "not a url");
            raw.put("pageSzie", 50);

            ConfigValidation validation = SPEC.validate(raw);

            assertThat(validation.valid()).isFalse();
            assertThat(validation.config()).isNull();
            assertThat(validation.validConfig()).isEmpty();
            assertThat(validation.problems())
                    .extracting(ConfigProblem::field)
                    .containsExactlyInAnyOrder(
                            "pageSzie",
                            "baseUrl",
                            "clientId",
                            "clientSecret",
                            "pageSize",
                            "verifyTls",
                            "authMode",
                            "timeout",
                            "schools",
                            "tokenUrl");
            assertThat(validation.problems())
                    .extracting(ConfigProblem::field, ConfigProblem::reason)
                    .contains(
                            tuple("clientId", "is required"),
                            tuple("pageSize", "must be between 1 and 3000, but was 5000"),
                            tuple("clientSecret", "must be a string, but was a number"),
                            tuple("verifyTls", "must be true or false, but was 'yes'"),
                            tuple("authMode", "must be one of [oauth2, oauth1, basic], but was 'kerberos'"),
                            tuple(
                                    "baseUrl",
                                    "must be an absolute http or https URL, but was 'ftp://sis.example.edu/roster'"));
            assertThat(validation.problems())
                    .filteredOn(problem -> problem.field().equals("pageSzie"))
                    .singleElement()
                    .satisfies(problem -> assertThat(problem.reason())
                            .startsWith("is not a field of this connector")
                            .contains("pageSize", "baseUrl"));
            assertThat(validation.problems())
                    .filteredOn(problem -> problem.field().equals("timeout"))
                    .singleElement()
                    .satisfies(problem -> assertThat(problem.reason()).contains("30s", "PT30S", "'soon'"));
        }

        @Test
        void problemsPrintAsFieldColonReason() {
            ConfigProblem problem = onlyProblem(with("pageSize", 5000));

            assertThat(problem).hasToString("pageSize: must be between 1 and 3000, but was 5000");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, 3001})
        void theRangeIsInclusive(int outside) {
            assertThat(onlyProblem(with("pageSize", outside)).reason())
                    .isEqualTo("must be between 1 and 3000, but was " + outside);
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "1.5", "99999999999999999999", "1,000"})
        void notAWholeNumber(String raw) {
            ConfigProblem problem = onlyProblem(with("pageSize", raw));

            assertThat(problem.field()).isEqualTo("pageSize");
            assertThat(problem.reason()).isEqualTo("must be a whole number, but was '" + raw + "'");
        }

        @Test
        void aBooleanIsNotANumber() {
            assertThat(onlyProblem(with("pageSize", true)).reason())
                    .isEqualTo("must be a whole number, but was a boolean true");
            assertThat(onlyProblem(with("pageSize", 2.5d)).reason()).startsWith("must be a whole number");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "sis.example.edu/ims | must be an absolute http or https URL, but was 'sis.example.edu/ims'",
                    "mailto:ops@example.edu | must be an absolute http or https URL, but was 'mailto:ops@example.edu'",
                    "https:///path-only | must name a host, but was 'https:///path-only'",
                })
        void badUrls(String raw, String reason) {
            ConfigProblem problem = onlyProblem(with("baseUrl", raw));

            assertThat(problem.field()).isEqualTo("baseUrl");
            assertThat(problem.reason()).isEqualTo(reason);
        }

        @Test
        void aUrlThatDoesNotParse() {
            ConfigProblem problem = onlyProblem(with("baseUrl", "https://sis example.edu/"));

            assertThat(problem.reason()).startsWith("is not a valid URL").contains("'https://sis example.edu/'");
        }

        @Test
        void aUrlMustBeAString() {
            assertThat(onlyProblem(with("baseUrl", 42)).reason())
                    .isEqualTo("must be a URL string, but was a number 42");
        }

        @Test
        void enumValuesAreExact() {
            assertThat(onlyProblem(with("authMode", "OAuth2")).reason())
                    .isEqualTo("must be one of [oauth2, oauth1, basic], but was 'OAuth2'");
            assertThat(onlyProblem(with("authMode", 2)).reason())
                    .isEqualTo("must be one of [oauth2, oauth1, basic], but was a number 2");
        }

        @Test
        void wrongShapes() {
            assertThat(onlyProblem(with("clientId", List.of("a"))).reason())
                    .isEqualTo("must be a string, but was a list [a]");
            assertThat(onlyProblem(with("clientId", Map.of("a", 1))).reason())
                    .isEqualTo("must be a string, but was an object {a=1}");
            assertThat(onlyProblem(with("schools", 7)).reason())
                    .isEqualTo("must be a list of strings, but was a number 7");
            assertThat(onlyProblem(with("timeout", -1.5)).reason()).startsWith("must be a duration");
            assertThat(onlyProblem(with("timeout", "10 minutes")).reason()).endsWith("but was '10 minutes'");
        }

        @Test
        void aBlankRequiredValueIsMissing() {
            ConfigProblem problem = onlyProblem(with("clientId", "   "));

            assertThat(problem).isEqualTo(new ConfigProblem("clientId", "is required"));
        }

        @Test
        void anEmptyConfigReportsEveryRequiredField() {
            assertThat(SPEC.validate(Map.of()).problems())
                    .containsExactly(
                            new ConfigProblem("baseUrl", "is required"),
                            new ConfigProblem("clientId", "is required"),
                            new ConfigProblem("clientSecret", "is required"));
        }
    }

    @Nested
    class FieldChecks {

        @Test
        void checksSeeTheTypedValueAndAllReasonsAreReported() {
            List<Object> seen = new ArrayList<>();
            ConfigSpec spec = ConfigSpec.builder()
                    .field(ConfigField.integer("workers")
                            .range(1, 64)
                            .check(value -> {
                                seen.add(value);
                                return (Long) value % 2 == 0 ? Optional.empty() : Optional.of("must be even");
                            })
                            .check(value -> (Long) value > 8
                                    ? Optional.of("must be at most 8 on this plan")
                                    : Optional.empty()))
                    .build();

            ConfigValidation validation = spec.validate(Map.of("workers", "9"));

            assertThat(seen).containsExactly(9L);
            assertThat(validation.problems())
                    .containsExactly(
                            new ConfigProblem("workers", "must be even"),
                            new ConfigProblem("workers", "must be at most 8 on this plan"));
        }

        @Test
        void checksDoNotRunOnAValueOfTheWrongType() {
            List<Object> seen = new ArrayList<>();
            ConfigSpec spec = ConfigSpec.builder()
                    .field(ConfigField.integer("workers").check(value -> {
                        seen.add(value);
                        return Optional.empty();
                    }))
                    .build();

            assertThat(spec.validate(Map.of("workers", "many")).problems()).hasSize(1);
            assertThat(seen).isEmpty();
        }

        @Test
        void aValueThatPassesItsChecksIsKept() {
            ConfigSpec spec = ConfigSpec.builder()
                    .field(ConfigField.string("region")
                            .check(value -> ((String) value).startsWith("eu-")
                                    ? Optional.empty()
                                    : Optional.of("must be an EU region")))
                    .build();

            assertThat(spec.validate(Map.of("region", "eu-west-1")).validConfig())
                    .hasValueSatisfying(
                            config -> assertThat(config.string("region")).isEqualTo("eu-west-1"));
            assertThat(spec.validate(Map.of("region", "us-east-1")).problems())
                    .containsExactly(new ConfigProblem("region", "must be an EU region"));
        }
    }

    @Nested
    class Secrets {

        @Test
        void secretIsMasked() {
            Secret secret = Secret.of(SECRET_VALUE);

            assertThat(secret).hasToString("********");
            assertThat(Secret.MASK).isEqualTo("********");
            assertThat(String.valueOf(secret)).doesNotContain(SECRET_VALUE);
            assertThat(secret.reveal()).isEqualTo(SECRET_VALUE);
        }

        @Test
        void secretsCompareByValue() {
            assertThat(Secret.of(SECRET_VALUE))
                    .isEqualTo(Secret.of(SECRET_VALUE))
                    .isNotEqualTo(Secret.of("other"));
            assertThat(Secret.of("a").hashCode()).isEqualTo(Secret.of("b").hashCode());
            assertThat(Secret.of("a")).isNotEqualTo("a");
            assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void configToStringMasksSecrets() {
            ConnectorConfig config = valid(minimal());

            assertThat(config.toString())
                    .doesNotContain(SECRET_VALUE)
                    .contains("clientSecret=********")
                    .contains("clientId=rollcall");
            assertThat(config.values().toString()).doesNotContain(SECRET_VALUE);
        }

        @Test
        void aSecretOfTheWrongTypeIsNotEchoed() {
            for (Object wrong : List.<Object>of(
                    List.of(SECRET_VALUE),
                    Map.of("value", SECRET_VALUE),
                    987654321L,
                    new StringBuilder(SECRET_VALUE))) {
                Map<String, Object> raw = with("clientSecret", wrong);

                ConfigProblem problem = onlyProblem(raw);

                assertThat(problem.field()).isEqualTo("clientSecret");
                assertThat(problem.reason())
                        .startsWith("must be a string, but was ")
                        .doesNotContain(SECRET_VALUE, "987654321");
                assertThat(problem.toString()).doesNotContain(SECRET_VALUE, "987654321");
            }
        }

        @Test
        void aFailingCheckOnASecretCannotEchoItByAccident() {
            ConfigSpec spec = ConfigSpec.builder()
                    .field(ConfigField.secret("apiKey")
                            .required()
                            .check(value -> Optional.of("must be 40 characters long, but was " + value)))
                    .build();

            ConfigValidation validation = spec.validate(Map.of("apiKey", SECRET_VALUE));

            assertThat(validation.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.reason()).isEqualTo("must be 40 characters long, but was ********");
                assertThat(problem.toString()).doesNotContain(SECRET_VALUE);
            });
        }

        @Test
        void noProblemOfAFailedValidationMentionsTheSecret() {
            Map<String, Object> raw = with("pageSize", 0);
            raw.put("unknown", "x");
            raw.put("verifyTls", "maybe");

            ConfigValidation validation = SPEC.validate(raw);

            assertThat(validation.problems()).hasSize(3);
            assertThat(validation.problems())
                    .allSatisfy(problem -> assertThat(problem.toString()).doesNotContain(SECRET_VALUE));
            assertThat(validation.toString()).doesNotContain(SECRET_VALUE);
        }

        @Test
        void secretFieldsAreListed() {
            assertThat(SPEC.secretFields()).containsExactly("clientSecret");
            assertThat(SPEC.field("clientSecret"))
                    .hasValueSatisfying(field -> assertThat(field.secret()).isTrue());
            assertThat(SPEC.field("clientId"))
                    .hasValueSatisfying(field -> assertThat(field.secret()).isFalse());
        }
    }

    @Nested
    class Rules {

        /** OAuth 2 needs a token URL; OAuth 1.0a does not. */
        private static final ConfigRule OAUTH2_NEEDS_TOKEN_URL =
                config -> config.optionalString("authMode").orElse("").equals("oauth2") && !config.has("tokenUrl")
                        ? List.of(new ConfigProblem("tokenUrl", "is required for OAuth 2"))
                        : List.of();

        @Test
        void aRuleAddsItsProblems() {
            ConfigSpec spec = specBuilder().rule(OAUTH2_NEEDS_TOKEN_URL).build();

            assertThat(spec.validate(minimal()).problems())
                    .containsExactly(new ConfigProblem("tokenUrl", "is required for OAuth 2"));
            assertThat(spec.validate(with("authMode", "oauth1")).valid()).isTrue();
            assertThat(spec.validate(with("tokenUrl", "https://sis.example.edu/token"))
                            .valid())
                    .isTrue();
        }

        @Test
        void aRuleSeesOnlyTheFieldsThatPassed() {
            AtomicReference<ConnectorConfig> seen = new AtomicReference<>();
            ConfigSpec spec = specBuilder()
                    .rule(config -> {
                        seen.set(config);
                        return List.of();
                    })
                    .build();
            Map<String, Object> raw = minimal();
            raw.put("pageSize", 5000);
            raw.put("tokenUrl", "ftp://nope");
            raw.put("schools", "a,b");

            ConfigValidation validation = spec.validate(raw);

            assertThat(validation.problems())
                    .extracting(ConfigProblem::field)
                    .containsExactlyInAnyOrder("pageSize", "tokenUrl");
            ConnectorConfig config = seen.get();
            assertThat(config.has("pageSize")).isFalse();
            assertThat(config.has("tokenUrl")).isFalse();
            assertThat(config.has("baseUrl")).isTrue();
            assertThat(config.stringList("schools")).containsExactly("a", "b");
            assertThat(config.duration("timeout")).isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void aRuleSeesNoFieldThatFailedItsCheck() {
            AtomicReference<ConnectorConfig> seen = new AtomicReference<>();
            ConfigSpec spec = ConfigSpec.builder()
                    .field(ConfigField.string("region").check(value -> Optional.of("nope")))
                    .rule(config -> {
                        seen.set(config);
                        return List.of();
                    })
                    .build();

            spec.validate(Map.of("region", "eu-west-1"));

            assertThat(seen.get().has("region")).isFalse();
        }

        @Test
        void rulesRunAlongsideFieldProblemsAndAllAreReported() {
            ConfigSpec spec = specBuilder()
                    .rule(OAUTH2_NEEDS_TOKEN_URL)
                    .rule(config -> List.of(new ConfigProblem("config", "always unhappy")))
                    .build();

            ConfigValidation validation = spec.validate(with("tokenUrl", "not a url"));

            assertThat(validation.problems())
                    .extracting(ConfigProblem::field)
                    .containsExactly("tokenUrl", "tokenUrl", "config");
            assertThat(validation.problems().get(0).reason()).contains("not a url");
            assertThat(validation.problems().get(1).reason()).isEqualTo("is required for OAuth 2");
        }
    }

    @Nested
    class Builders {

        @Test
        void anEnumNeedsOptions() {
            assertThatThrownBy(() -> ConfigField.oneOf("mode").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mode")
                    .hasMessageContaining("needs options");
            assertThatThrownBy(() -> ConfigField.builder("mode", FieldType.ENUM).build())
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void onlyAnEnumHasOptions() {
            assertThatThrownBy(
                            () -> ConfigField.string("mode").options("a", "b").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("only an enum field has options");
        }

        @Test
        void aRequiredFieldHasNoDefault() {
            assertThatThrownBy(() -> ConfigField.integer("pageSize")
                            .required()
                            .defaultValue(100)
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pageSize")
                    .hasMessageContaining("required and has a default");
        }

        @Test
        void onlyAnIntegerHasARange() {
            assertThatThrownBy(() -> ConfigField.string("name").range(1, 10).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("only an integer field has a range");
            assertThatThrownBy(
                            () -> ConfigField.duration("timeout").range(1, 10).build())
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aRangeIsOrdered() {
            assertThatThrownBy(() -> ConfigField.integer("pageSize").range(10, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("10 > 1");
            assertThat(ConfigField.integer("exact").range(5, 5).build().min()).isEqualTo(5L);
        }

        @Test
        void aSecretHasNoDefault() {
            assertThatThrownBy(() ->
                            ConfigField.secret("token").defaultValue("changeme").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not have a default");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "1st", "page-size", "page size", "_x"})
        void fieldNamesAreIdentifiers(String name) {
            assertThatThrownBy(() -> ConfigField.string(name)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void dottedNamesAreAllowed() {
            assertThat(ConfigField.string("oauth.client_id2").build().name()).isEqualTo("oauth.client_id2");
        }

        @Test
        void aFieldIsDeclaredOnce() {
            assertThatThrownBy(() -> ConfigSpec.builder()
                            .field(ConfigField.string("clientId"))
                            .field(ConfigField.secret("clientId"))
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("declared twice");
        }

        @Test
        void aDefaultMayBeGivenInItsJavaType() {
            ConfigSpec spec = ConfigSpec.builder()
                    .field(ConfigField.duration("timeout").defaultValue(Duration.ofSeconds(30)))
                    .field(ConfigField.url("tokenUrl").defaultValue(URI.create("https://sis.example.edu/token")))
                    .field(ConfigField.integer("pageSize").defaultValue(500L))
                    .field(ConfigField.bool("verifyTls").defaultValue(Boolean.TRUE))
                    .field(ConfigField.stringList("schools").defaultValue(List.of("org-school-1")))
                    .build();

            ConfigValidation validation = spec.validate(Map.of());

            assertThat(validation.problems()).isEmpty();
            ConnectorConfig config = validation.validConfig().orElseThrow();
            assertThat(config.duration("timeout")).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.uri("tokenUrl")).isEqualTo(URI.create("https://sis.example.edu/token"));
            assertThat(config.integer("pageSize")).isEqualTo(500L);
            assertThat(config.bool("verifyTls")).isTrue();
            assertThat(config.stringList("schools")).containsExactly("org-school-1");
        }

        @Test
        void aDefaultMustFitItsOwnField() {
            // Otherwise every configuration that leaves the field out would be rejected, blaming the user.
            assertThatThrownBy(() -> ConfigField.oneOf("authMode", "oauth2", "basic")
                            .defaultValue("kerberos")
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("authMode")
                    .hasMessageContaining("kerberos");
            assertThatThrownBy(() -> ConfigField.integer("pageSize")
                            .range(1, 3000)
                            .defaultValue(5000)
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be between 1 and 3000, but was 5000");
            assertThatThrownBy(() ->
                            ConfigField.integer("pageSize").defaultValue("lots").build())
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ConfigField.url("baseUrl")
                            .defaultValue("ftp://example.edu")
                            .build())
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() ->
                            ConfigField.duration("timeout").defaultValue("soon").build())
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aBuiltFieldKeepsWhatWasSaid() {
            ConfigField field = ConfigField.integer("pageSize")
                    .label("Page size")
                    .description("Records per request")
                    .range(1, 3000)
                    .defaultValue(100)
                    .build();

            assertThat(field.label()).isEqualTo("Page size");
            assertThat(field.description()).isEqualTo("Records per request");
            assertThat(field.type()).isEqualTo(FieldType.INTEGER);
            assertThat(field.required()).isFalse();
            assertThat(field.defaultValue()).isEqualTo(100);
            assertThat(field.min()).isEqualTo(1L);
            assertThat(field.max()).isEqualTo(3000L);
            assertThat(ConfigField.string("x").build().label()).isEqualTo("x");
        }

        @Test
        void theSpecListsItsFieldsInOrder() {
            assertThat(SPEC.fields())
                    .extracting(ConfigField::name)
                    .containsExactly(
                            "baseUrl",
                            "clientId",
                            "clientSecret",
                            "pageSize",
                            "verifyTls",
                            "authMode",
                            "timeout",
                            "schools",
                            "tokenUrl");
            assertThat(SPEC.field("nope")).isEmpty();
        }
    }

    @Nested
    class Accessors {

        @Test
        void askingForTheWrongTypeFails() {
            ConnectorConfig config = valid(minimal());

            assertThatThrownBy(() -> config.string("pageSize"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("pageSize")
                    .hasMessageContaining("Long");
        }

        @Test
        void askingForAnUnsetFieldFails() {
            ConnectorConfig config = valid(minimal());

            assertThatThrownBy(() -> config.uri("tokenUrl"))
                    .isInstanceOf(NoSuchElementException.class)
                    .hasMessageContaining("tokenUrl");
            assertThat(config.optionalString("nothing")).isEmpty();
        }
    }
}
