package dev.rollcall.connector.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.connector.api.model.Enrollment;
import dev.rollcall.connector.api.model.EntityType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;

/** {@link EnrollmentReader} reads what the mapper reads, or leaves the record to the mapper. */
class EnrollmentReaderTest {

    private static final String TIMEBACK = """
            {"sourcedId":"enr-1","status":"active","dateLastModified":"2026-01-02T03:04:05.678Z",
             "user":{"href":"/users/u-1","sourcedId":"u-1","type":"user"},
             "class":{"href":"/classes/c-1","sourcedId":"c-1","type":"class"},
             "school":{"href":"/orgs/o-1","sourcedId":"o-1","type":"org"},
             "role":"student","primary":false,"beginDate":"2025-08-15","endDate":"2026-06-30"}""";

    private static Enrollment byTheMapper(String json) {
        return RosterJson.mapper().readValue(json, Enrollment.class);
    }

    private static Enrollment byHand(String json) {
        byte[] bytes = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
        return EnrollmentReader.read(bytes, 2, bytes.length - 4);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                TIMEBACK,
                "{\"sourcedId\":\"e\",\"status\":\"tobedeleted\",\"primary\":\"TRUE \",\"role\":\"ext:aide\"}",
                "{\"sourcedId\":\"e\",\"status\":\"inactive\",\"primary\":\"false\"}",
                "{\"sourcedId\":\"e\",\"user\":{\"sourcedId\":\"u\"},\"class\":{\"sourcedId\":\"c\",\"type\":null}}",
                "{\"sourcedId\":\"e\",\"user\":null,\"role\":null,\"primary\":null,\"beginDate\":null}",
                "{\"sourcedId\":\"e\",\"extra\":{\"a\":[1,{\"b\":null}]},\"more\":[],\"status\":\"active\"}",
                "{\"sourcedId\":\"e\",\"user\":{\"sourcedId\":\"u\",\"extra\":{\"x\":1},\"href\":\"h\"}}",
                "{\"sourcedId\":\"Zoë 中文 \\\"quoted\\\"\",\"status\":\"ACTIVE\"}",
                "{}"
            })
    void readsWhatTheMapperReads(String json) {
        Enrollment hand = byHand(json);

        assertThat(hand).isNotNull().isEqualTo(byTheMapper(json));
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(RosterJson.read(EntityType.ENROLLMENT, bytes, 0, bytes.length))
                .isEqualTo(hand);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"sourcedId\":\"e\",\"metadata\":{\"revision\":2}}",
                "{\"sourcedId\":\"e\",\"metadata\":null}",
                "{\"sourcedId\":12}",
                "{\"sourcedId\":\"e\",\"sourcedId\":\"f\"}",
                "{\"sourcedId\":\"e\",\"primary\":1}",
                "{\"sourcedId\":\"e\",\"primary\":\"yes\"}",
                "{\"sourcedId\":\"e\",\"status\":\"gone\"}",
                "{\"sourcedId\":\"e\",\"role\":\" \"}",
                "{\"sourcedId\":\"e\",\"user\":\"u-1\"}",
                "{\"sourcedId\":\"e\",\"user\":{\"sourcedId\":\"\"}}",
                "{\"sourcedId\":\"e\",\"user\":{\"href\":\"h\"}}",
                "{\"sourcedId\":\"e\",\"user\":{\"sourcedId\":\"u\",\"sourcedId\":\"v\"}}",
                "{\"sourcedId\":\"e\",\"user\":{\"sourcedId\":5}}",
                "{\"sourcedId\":\"e\",\"beginDate\":\"2025-02-29\"}",
                "{\"sourcedId\":\"e\",\"beginDate\":\"2025-08-15T00:00:00Z\"}",
                "{\"sourcedId\":\"e\",\"dateLastModified\":\"2026-01-02T03:04:05+01:00\"}",
                "{\"sourcedId\":\"e\",",
                "[1]",
                "not json"
            })
    void leavesAnythingElseToTheMapper(String json) {
        assertThat(byHand(json)).isNull();
        Object mapper;
        try {
            mapper = byTheMapper(json);
        } catch (JacksonException e) {
            mapper = e.getClass().getName() + ": " + e.getOriginalMessage();
        }
        Object read;
        try {
            read = RosterJson.read(EntityType.ENROLLMENT, json.getBytes(StandardCharsets.UTF_8), 0, json.length());
        } catch (JacksonException e) {
            read = e.getClass().getName() + ": " + e.getOriginalMessage();
        }
        assertThat(read).isEqualTo(mapper);
    }

    @Test
    void aBadDateIsStillNamedByItsField() {
        byte[] json = "{\"sourcedId\":\"e\",\"endDate\":\"2026-02-30\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RosterJson.read(EntityType.ENROLLMENT, json, 0, json.length))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("endDate");
    }

    /** Random enrollments, fields in any order, some absent, null or unknown: the same as the mapper's. */
    @Test
    void randomEnrollmentsReadAsTheMapperReadsThem() {
        Random random = new Random(11);
        List<String> values = List.of(
                "\"sourcedId\":\"enr-%d\"",
                "\"status\":\"%s\"",
                "\"dateLastModified\":\"2026-0%d-1%dT12:30:00.%03dZ\"",
                "\"user\":{\"href\":\"/users/u-%d\",\"sourcedId\":\"u-%d\",\"type\":\"user\"}",
                "\"class\":{\"sourcedId\":\"c-%d\",\"type\":\"class\",\"href\":\"/classes/c-%d\"}",
                "\"school\":{\"type\":\"org\",\"sourcedId\":\"o-%d\"}",
                "\"role\":\"%s\"",
                "\"primary\":%s",
                "\"beginDate\":\"2025-0%d-1%d\"",
                "\"endDate\":\"2026-0%d-1%d\"",
                "\"unknown%d\":[%d,{\"x\":null}]");
        for (int i = 0; i < 2_000; i++) {
            List<String> members = new ArrayList<>();
            for (String value : values) {
                int pick = random.nextInt(10);
                if (pick == 0) {
                    continue;
                }
                String member = value.contains("%s")
                        ? value.formatted(
                                switch (value.charAt(1)) {
                                    case 's' -> random.nextBoolean() ? "active" : "tobedeleted";
                                    case 'r' -> random.nextBoolean() ? "student" : "ext:observer";
                                    default -> random.nextBoolean() ? "true" : "\"False\"";
                                })
                        : value.replace("%03d", "%d")
                                .formatted(1 + random.nextInt(9), random.nextInt(10), random.nextInt(1000));
                if (pick == 1 && !member.startsWith("\"unknown")) {
                    member = member.substring(0, member.indexOf(':') + 1) + "null";
                }
                members.add(random.nextInt(members.size() + 1), member);
            }
            String json = "{" + String.join(",", members) + "}";

            assertThat(byHand(json)).as(json).isNotNull().isEqualTo(byTheMapper(json));
        }
    }
}
