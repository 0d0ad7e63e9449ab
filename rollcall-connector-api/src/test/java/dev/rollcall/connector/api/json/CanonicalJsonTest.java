package dev.rollcall.connector.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.connector.api.model.User;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class CanonicalJsonTest {

    private static JsonNode parse(String json) {
        return RosterJson.mapper().readTree(json);
    }

    private static String canonical(String json) {
        return CanonicalJson.toCanonicalString(parse(json));
    }

    @Nested
    class ChecksumsOfTrees {

        /** A checksum is the checksum of the canonical bytes, whatever came before on this thread. */
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{\"sourcedId\":\"u-1\",\"givenName\":\"Ada\"}",
                    "{\"givenName\":\"Zo\u00eb \u6587 \ud83d\ude00\",\"sourcedId\":\"u-2\"}",
                    "{\"note\":\"LONG\",\"sourcedId\":\"u-3\"}",
                    "{\"note\":\"HUGE\",\"sourcedId\":\"u-5\"}",
                    "{\"sourcedId\":\"u-4\",\"tab\":\"a\\tb\"}",
                    "[]"
                })
        void areTheChecksumsOfTheCanonicalBytes(String json) {
            JsonNode node = parse(json.replace("LONG", "x".repeat(5_000)).replace("HUGE", "z".repeat(100_000)));
            Checksum expected = Checksum.of(CanonicalJson.toCanonicalBytes(node));

            assertThat(CanonicalJson.checksum(node)).isEqualTo(expected);
            CanonicalJson.checksum(parse("{\"other\":\"" + "y".repeat(3_000) + "\"}"));
            assertThat(CanonicalJson.checksum(node)).as("after a longer one").isEqualTo(expected);
            CanonicalJson.checksum(parse("{}"));
            assertThat(CanonicalJson.checksum(node)).as("after a shorter one").isEqualTo(expected);
        }
    }

    @Nested
    class Objects {

        @Test
        void keyOrderAndWhitespaceDoNotMatter() {
            String compact = "{\"sourcedId\":\"u-1\",\"givenName\":\"Ada\",\"familyName\":\"Lovelace\"}";
            String reordered =
                    "{\n  \"familyName\" : \"Lovelace\",\n\t\"givenName\":\"Ada\",   \"sourcedId\": \"u-1\"\r\n}";

            assertThat(canonical(compact))
                    .isEqualTo(canonical(reordered))
                    .isEqualTo("{\"familyName\":\"Lovelace\",\"givenName\":\"Ada\",\"sourcedId\":\"u-1\"}");
            assertThat(CanonicalJson.checksum(parse(compact))).isEqualTo(CanonicalJson.checksum(parse(reordered)));
        }

        @Test
        void nestedObjectsAreSortedToo() {
            String json = "{\"b\":{\"z\":1,\"a\":{\"y\":true,\"x\":false}},\"a\":[{\"d\":1,\"c\":2}]}";

            assertThat(canonical(json))
                    .isEqualTo("{\"a\":[{\"c\":2,\"d\":1}],\"b\":{\"a\":{\"x\":false,\"y\":true},\"z\":1}}");
        }

        @Test
        void keysSortByUtf16CodeUnitsNotByLocale() {
            // Upper case sorts before lower case; "é" (U+00E9) after every ASCII letter.
            String json = "{\"b\":1,\"é\":2,\"B\":3,\"a\":4,\"aa\":5,\"\":6}";

            assertThat(canonical(json)).isEqualTo("{\"\":6,\"B\":3,\"a\":4,\"aa\":5,\"b\":1,\"é\":2}");
        }

        @Test
        void nullMembersAreDroppedAtEveryLevel() {
            String withNulls = "{\"a\":1,\"b\":null,\"c\":{\"d\":null,\"e\":\"x\"}}";
            String without = "{\"c\":{\"e\":\"x\"},\"a\":1}";

            assertThat(canonical(withNulls)).isEqualTo(canonical(without)).isEqualTo("{\"a\":1,\"c\":{\"e\":\"x\"}}");
        }

        @Test
        void anObjectOfOnlyNullsIsEmpty() {
            assertThat(canonical("{\"a\":null,\"b\":null}")).isEqualTo("{}");
            assertThat(canonical("{}")).isEqualTo("{}");
        }

        @Test
        void literalsAreWrittenAsJsonLiterals() {
            assertThat(canonical("{\"t\":true,\"f\":false}")).isEqualTo("{\"f\":false,\"t\":true}");
            assertThat(canonical("null")).isEqualTo("null");
            assertThat(CanonicalJson.toCanonicalString(null)).isEqualTo("null");
        }
    }

    @Nested
    class Arrays {

        @Test
        void arraysKeepTheirOrder() {
            assertThat(canonical("[3, 1, 2]")).isEqualTo("[3,1,2]");
            assertThat(canonical("[\"b\",\"a\"]")).isNotEqualTo(canonical("[\"a\",\"b\"]"));
            assertThat(CanonicalJson.checksum(parse("[1,2]"))).isNotEqualTo(CanonicalJson.checksum(parse("[2,1]")));
        }

        @Test
        void nullsInsideArraysAreKeptBecausePositionMatters() {
            assertThat(canonical("[1, null, {\"a\": null}]")).isEqualTo("[1,null,{}]");
        }

        @Test
        void emptyArrayIsKept() {
            assertThat(canonical("{\"a\":[]}")).isEqualTo("{\"a\":[]}");
        }
    }

    @Nested
    class Numbers {

        @ParameterizedTest
        @ValueSource(strings = {"1", "1.0", "1.00", "1e0", "1E0", "10e-1", "0.1e1", "1.000000000000000000000000"})
        void oneIsOneHoweverItIsWritten(String spelling) {
            assertThat(canonical("{\"n\":" + spelling + "}")).isEqualTo("{\"n\":1}");
            assertThat(CanonicalJson.checksum(parse("{\"n\":" + spelling + "}")))
                    .isEqualTo(CanonicalJson.checksum(parse("{\"n\":1}")));
        }

        @ParameterizedTest
        @CsvSource({
            "0.50, 0.5",
            "0.5, 0.5",
            "5e-1, 0.5",
            "100, 100",
            "1e2, 100",
            "1.0E+2, 100",
            "-0, 0",
            "0.0, 0",
            "-0.0, 0",
            "0e10, 0",
            "-1.50, -1.5",
            "3.14159, 3.14159",
            "0.000001, 0.000001",
            "1e-7, 0.0000001",
            "123456.7890, 123456.789",
        })
        void numbersAreWrittenByValue(String spelling, String expected) {
            assertThat(canonical("[" + spelling + "]")).isEqualTo("[" + expected + "]");
        }

        @Test
        void bigIntegersKeepEveryDigit() {
            String big = "123456789012345678901234567890123456789";

            assertThat(canonical("{\"id\":" + big + "}")).isEqualTo("{\"id\":" + big + "}");
            // Beyond what a double can tell apart: these two would collide through a double.
            assertThat(canonical("[9007199254740993]")).isEqualTo("[9007199254740993]");
            assertThat(canonical("[9007199254740993]")).isNotEqualTo(canonical("[9007199254740992]"));
            assertThat(canonical("[" + Long.MAX_VALUE + "]")).isEqualTo("[" + Long.MAX_VALUE + "]");
        }

        @Test
        void preciseDecimalsKeepEveryDigit() {
            assertThat(canonical("[0.12345678901234567890123456789]")).isEqualTo("[0.12345678901234567890123456789]");
            assertThat(canonical("[1.0000000000000000000001]")).isNotEqualTo(canonical("[1]"));
        }

        @Test
        void treesReadWithDoublesAgreeWithTreesReadWithDecimals() {
            // A connector may build its tree with a plain mapper, where 0.50 is a double.
            tools.jackson.databind.json.JsonMapper plain =
                    tools.jackson.databind.json.JsonMapper.builder().build();
            String json = "{\"a\":0.50,\"b\":1.0,\"c\":1e0,\"d\":-2.5E-3,\"e\":100}";

            assertThat(CanonicalJson.toCanonicalString(plain.readTree(json)))
                    .isEqualTo(canonical(json))
                    .isEqualTo("{\"a\":0.5,\"b\":1,\"c\":1,\"d\":-0.0025,\"e\":100}");
        }

        @Test
        void aNumberIsNotTheStringOfItsDigits() {
            assertThat(canonical("{\"n\":1}")).isNotEqualTo(canonical("{\"n\":\"1\"}"));
        }

        @Test
        void canonicalNumberIsUniquePerValue() {
            assertThat(CanonicalJson.canonicalNumber(new BigDecimal("1.20"))).isEqualTo("1.2");
            assertThat(CanonicalJson.canonicalNumber(new BigDecimal("12E3"))).isEqualTo("12000");
            assertThat(CanonicalJson.canonicalNumber(new BigDecimal("0E-5"))).isEqualTo("0");
            // Absurd magnitudes stay short, and every spelling of them still agrees.
            assertThat(CanonicalJson.canonicalNumber(new BigDecimal("1e100"))).isEqualTo("1E+100");
            assertThat(CanonicalJson.canonicalNumber(new BigDecimal("10.0e99"))).isEqualTo("1E+100");
            assertThat(CanonicalJson.canonicalNumber(new BigDecimal("1e-100"))).isEqualTo("1E-100");
        }
    }

    @Nested
    class Strings {

        @Test
        void quotesAndBackslashesAreEscaped() {
            JsonNode node = parse("{\"s\":\"say \\\"hi\\\" to C:\\\\temp\"}");

            assertThat(CanonicalJson.toCanonicalString(node)).isEqualTo("{\"s\":\"say \\\"hi\\\" to C:\\\\temp\"}");
        }

        @Test
        void controlCharactersAreEscapedShortWhereJsonHasAShortForm() {
            JsonNode node = RosterJson.mapper().createObjectNode().put("s", "a\b\f\n\r\tz\u0000\u001f\u0001");

            assertThat(CanonicalJson.toCanonicalString(node))
                    .isEqualTo("{\"s\":\"a\\b\\f\\n\\r\\tz\\u0000\\u001f\\u0001\"}");
        }

        @Test
        void unnecessaryEscapesInTheSourceDoNotMatter() {
            // "\u0041" is "A" and "\/" is "/": the canonical form writes the characters themselves.
            assertThat(canonical("[\"\\u0041\\/\\u00e9\"]")).isEqualTo("[\"A/é\"]");
        }

        @Test
        void nonAsciiIsKeptAsUtf8NotEscaped() {
            String text = "Zoë Ødegård – 日本語 😀";
            JsonNode node = RosterJson.mapper().createObjectNode().put("name", text);

            String canonical = CanonicalJson.toCanonicalString(node);
            byte[] bytes = CanonicalJson.toCanonicalBytes(node);

            assertThat(canonical).isEqualTo("{\"name\":\"" + text + "\"}").doesNotContain("\\u");
            assertThat(bytes).isEqualTo(("{\"name\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8));
            assertThat(canonical("[\"\\ud83d\\ude00\"]")).isEqualTo("[\"😀\"]");
        }

        @Test
        void delAndLineSeparatorsAreNotControlCharactersInJson() {
            JsonNode node = RosterJson.mapper().createArrayNode().add("\u007f\u2028");

            assertThat(CanonicalJson.toCanonicalString(node)).isEqualTo("[\"\u007f\u2028\"]");
        }

        @Test
        void loneSurrogatesAreEscapedSoTheyDoNotCollideWithAQuestionMark() {
            // A lone surrogate cannot be written as UTF-8; encoded naively it becomes '?'.
            String lone = canonical("[\"a\\ud800b\"]");
            String lowOnly = canonical("[\"\\udc00\"]");
            String reversedPair = canonical("[\"\\ude00\\ud83d\"]");

            assertThat(lone).isEqualTo("[\"a\\ud800b\"]");
            assertThat(lowOnly).isEqualTo("[\"\\udc00\"]");
            assertThat(reversedPair).isEqualTo("[\"\\ude00\\ud83d\"]");
            assertThat(CanonicalJson.checksum(parse("[\"a\\ud800b\"]")))
                    .isNotEqualTo(CanonicalJson.checksum(parse("[\"a?b\"]")));
            assertThat(canonical(lone)).isEqualTo(lone);
            // A proper pair at the very end is still written as the character itself.
            assertThat(canonical("[\"x\\ud83d\\ude00\"]")).isEqualTo("[\"x😀\"]");
            assertThat(canonical("[\"\\ud83d\"]")).isEqualTo("[\"\\ud83d\"]");
        }

        @Test
        void keysAreEscapedLikeValues() {
            JsonNode node = RosterJson.mapper().createObjectNode().put("a\"b\n", 1);

            assertThat(CanonicalJson.toCanonicalString(node)).isEqualTo("{\"a\\\"b\\n\":1}");
        }

        @Test
        void canonicalTextIsItselfValidJsonThatReadsBackTheSame() {
            String json = "{\"s\":\"q\\\" b\\\\ c\\u0001 é 😀\",\"n\":[1.50,2e3],\"o\":{\"z\":null,\"y\":1}}";
            String once = canonical(json);

            assertThat(canonical(once)).isEqualTo(once);
        }
    }

    @Nested
    class Checksums {

        @Test
        void isThirtyTwoLowerCaseHexCharacters() {
            Checksum checksum = CanonicalJson.checksum(parse("{\"a\":1}"));

            assertThat(checksum.hex()).hasSize(32).matches("[0-9a-f]{32}");
            assertThat(checksum.toString()).isEqualTo(checksum.hex());
            assertThat(checksum.bytes()).hasSize(16);
            assertThat(Checksum.fromBytes(checksum.bytes())).isEqualTo(checksum);
        }

        @Test
        void isTheTruncatedSha256OfTheCanonicalBytes() {
            // SHA-256("") = e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            assertThat(Checksum.of(new byte[0]).hex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb924");
            // SHA-256("{}") = 44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a
            assertThat(CanonicalJson.checksum(parse(" { } ")).hex()).isEqualTo("44136fa355b3678a1146ad16f7e8649e");
        }

        @Test
        void upperCaseHexIsNormalisedAndBadHexIsRejected() {
            assertThat(new Checksum("ABCDEF0123456789ABCDEF0123456789").hex())
                    .isEqualTo("abcdef0123456789abcdef0123456789");
            assertThatThrownBy(() -> new Checksum("abc")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Checksum("g".repeat(32))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Checksum(null)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void itsTextBytesAndLongsAreOneValue() {
            // the top bit set in both halves: the longs are negative, the bytes big-endian
            Checksum checksum = new Checksum("f0e1d2c3b4a5968778695a4b3c2d1e0f");
            byte[] bytes = checksum.bytes();

            assertThat(bytes[0]).isEqualTo((byte) 0xf0);
            assertThat(bytes[7]).isEqualTo((byte) 0x87);
            assertThat(bytes[8]).isEqualTo((byte) 0x78);
            assertThat(bytes[15]).isEqualTo((byte) 0x0f);
            assertThat(checksum.high()).isEqualTo(0xf0e1d2c3b4a59687L);
            assertThat(checksum.low()).isEqualTo(0x78695a4b3c2d1e0fL);
            assertThat(Checksum.fromBytes(bytes)).isEqualTo(checksum).hasSameHashCodeAs(checksum);
            assertThat(Checksum.ofLongs(checksum.high(), checksum.low())).isEqualTo(checksum);
            assertThat(Checksum.ofLongs(checksum.high(), checksum.low() + 1)).isNotEqualTo(checksum);
            assertThat(Checksum.ofLongs(0, 15).hex()).isEqualTo("0000000000000000000000000000000f");
            assertThatThrownBy(() -> Checksum.fromBytes(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void differentValuesGiveDifferentChecksums() {
            assertThat(CanonicalJson.checksum(parse("{\"a\":1}")))
                    .isNotEqualTo(CanonicalJson.checksum(parse("{\"a\":2}")))
                    .isNotEqualTo(CanonicalJson.checksum(parse("{\"b\":1}")))
                    .isNotEqualTo(CanonicalJson.checksum(parse("{\"a\":\"1\"}")));
        }
    }

    @Nested
    class Entities {

        /** As TimeBack sends it: JSON booleans, its own key order, milliseconds in the timestamp. */
        private static final String TIMEBACK_USER = """
                {
                  "givenName": "Ada",
                  "sourcedId": "user-0001",
                  "enabledUser": true,
                  "status": "active",
                  "roles": [
                    {
                      "org": { "sourcedId": "org-school-1", "type": "org", "href": "/orgs/org-school-1" },
                      "role": "student",
                      "roleType": "primary"
                    }
                  ],
                  "familyName": "Lovelace",
                  "email": "ada@example.edu",
                  "dateLastModified": "2024-01-01T00:00:00.000Z",
                  "grades": ["09"],
                  "userIds": [ { "identifier": "ada1", "type": "LDAP" } ],
                  "metadata": { "score": 1.50, "legacyId": 12345678901234567890 }
                }
                """;

        /** The same user in the standard OneRoster 1.2 form, as another server writes it. */
        private static final String STANDARD_USER = """
                {"sourcedId":"user-0001","status":"active","dateLastModified":"2024-01-01T00:00:00Z",
                 "metadata":{"legacyId":12345678901234567890,"score":1.5},
                 "enabledUser":"true","givenName":"Ada","familyName":"Lovelace","middleName":null,
                 "email":"ada@example.edu","userIds":[{"type":"LDAP","identifier":"ada1"}],
                 "roles":[{"roleType":"primary","role":"student",
                           "org":{"href":"/orgs/org-school-1","sourcedId":"org-school-1","type":"org"}}],
                 "grades":["09"],"agents":[],"userProfiles":[]}
                """;

        @Test
        void sameUserWrittenTwoWaysHasOneChecksum() {
            User timeBack = RosterJson.read(User.class, TIMEBACK_USER);
            User standard = RosterJson.read(User.class, STANDARD_USER);

            assertThat(CanonicalJson.checksum(timeBack)).isEqualTo(CanonicalJson.checksum(standard));
            assertThat(CanonicalJson.toCanonicalBytes(timeBack)).isEqualTo(CanonicalJson.toCanonicalBytes(standard));
            assertThat(CanonicalJson.checksum(timeBack).hex()).matches("[0-9a-f]{32}");
        }

        @Test
        void canonicalFormOfAUserIsTheStandardBinding() {
            User user = RosterJson.read(User.class, TIMEBACK_USER);

            String canonical = new String(CanonicalJson.toCanonicalBytes(user), StandardCharsets.UTF_8);

            assertThat(canonical)
                    .startsWith("{\"dateLastModified\":\"2024-01-01T00:00:00Z\",\"email\":\"ada@example.edu\","
                            + "\"enabledUser\":\"true\",")
                    .contains("\"legacyId\":12345678901234567890")
                    .contains("\"score\":1.5")
                    .doesNotContain("middleName", "agents", "userProfiles", "null", "entityType");
        }

        @Test
        void aChangedFieldChangesTheChecksum() {
            User original = RosterJson.read(User.class, STANDARD_USER);
            Checksum checksum = CanonicalJson.checksum(original);

            User renamed = RosterJson.read(User.class, STANDARD_USER.replace("\"Ada\"", "\"Augusta\""));
            User disabled = RosterJson.read(
                    User.class, STANDARD_USER.replace("\"enabledUser\":\"true\"", "\"enabledUser\":\"false\""));
            User touched = RosterJson.read(User.class, STANDARD_USER.replace("00:00:00Z", "00:00:01Z"));
            User otherRole =
                    RosterJson.read(User.class, STANDARD_USER.replace("\"role\":\"student\"", "\"role\":\"teacher\""));
            User otherMetadata = RosterJson.read(User.class, STANDARD_USER.replace("\"score\":1.5", "\"score\":1.51"));

            assertThat(CanonicalJson.checksum(renamed)).isNotEqualTo(checksum);
            assertThat(CanonicalJson.checksum(disabled)).isNotEqualTo(checksum);
            assertThat(CanonicalJson.checksum(touched)).isNotEqualTo(checksum);
            assertThat(CanonicalJson.checksum(otherRole)).isNotEqualTo(checksum);
            assertThat(CanonicalJson.checksum(otherMetadata)).isNotEqualTo(checksum);
            assertThat(CanonicalJson.checksum(RosterJson.read(User.class, STANDARD_USER)))
                    .isEqualTo(checksum);
        }

        @Test
        void checksumOfAnEntityIsTheChecksumOfItsTree() {
            User user = RosterJson.read(User.class, STANDARD_USER);

            assertThat(CanonicalJson.checksum(user)).isEqualTo(CanonicalJson.checksum(RosterJson.toTree(user)));
        }

        @Test
        void reorderedRolesAreADifferentRecord() {
            String twoRoles = STANDARD_USER.replace(
                    "\"roles\":[",
                    "\"roles\":[{\"roleType\":\"secondary\",\"role\":\"aide\",\"org\":{\"sourcedId\":\"org-school-1\"}},");
            String swapped = STANDARD_USER.replace(
                    "}}],",
                    "}},{\"roleType\":\"secondary\",\"role\":\"aide\",\"org\":{\"sourcedId\":\"org-school-1\"}}],");

            assertThat(CanonicalJson.checksum(RosterJson.read(User.class, twoRoles)))
                    .isNotEqualTo(CanonicalJson.checksum(RosterJson.read(User.class, swapped)));
        }
    }
}
