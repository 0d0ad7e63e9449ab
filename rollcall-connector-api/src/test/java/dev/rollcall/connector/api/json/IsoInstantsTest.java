package dev.rollcall.connector.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.connector.api.model.Enrollment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class IsoInstantsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-08-01T12:30:00Z",
                "2025-08-01T12:30:00.1Z",
                "2025-08-01T12:30:00.123Z",
                "2025-08-01T12:30:00.123456789Z",
                "1970-01-01T00:00:00Z",
                "2024-02-29T23:59:59.999Z",
                "0001-01-01T00:00:00Z"
            })
    void theFormServersSendIsReadByHandAsTheJdkReadsIt(String text) {
        assertThat(IsoInstants.fast(text)).isNotNull().isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-08-01T12:30:00+01:00",
                "2025-08-01T12:30:00.Z",
                "2025-08-01T12:30:60Z",
                "2025-02-30T12:30:00Z",
                "2025-08-01T24:00:00Z",
                "2025-08-01 12:30:00Z",
                "2025-08-01T12:30:00z",
                "+12025-08-01T12:30:00Z",
                "2025-08-01T12:30:00.1234567890Z",
                "yesterday"
            })
    void anythingElseIsLeftToTheJdk(String text) {
        assertThat(IsoInstants.fast(text)).isNull();
        Instant jdk;
        try {
            jdk = Instant.parse(text);
        } catch (DateTimeParseException e) {
            jdk = null;
        }
        assertThat(IsoInstants.parse(text)).isEqualTo(jdk);
    }

    @Test
    void randomInstantsReadBackAsTheyWereWritten() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L))
                    .plusNanos(random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            String text = instant.toString();
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"2025-08-01T12:30:00Z\"",
                "\"2025-08-01T12:30:00.120Z\"",
                "\"2025-08-01T12:30:00+01:00\"",
                "\"2025-02-30T12:30:00Z\"",
                "\"not a date\"",
                "1754051400",
                "1754051400.5",
                "true"
            })
    void theModelsMapperReadsInstantsAsJacksonDoes(String json) {
        tools.jackson.databind.json.JsonMapper plain =
                tools.jackson.databind.json.JsonMapper.builder().build();
        Object expected;
        try {
            expected = plain.readValue(json, Instant.class);
        } catch (tools.jackson.core.JacksonException e) {
            expected = e.getOriginalMessage();
        }
        Object actual;
        try {
            actual = RosterJson.mapper().readValue(json, Instant.class);
        } catch (tools.jackson.core.JacksonException e) {
            actual = e.getOriginalMessage();
        }
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-31", "2024-02-29", "2000-02-29", "0000-01-01", "9999-12-31", "2026-04-30"})
    void aDateInTheFormServersSendIsReadByHandAsTheJdkReadsIt(String text) {
        assertThat(IsoInstants.fastDate(text)).isNotNull().isEqualTo(LocalDate.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-02-29",
                "1900-02-29",
                "2026-04-31",
                "2026-13-01",
                "2026-00-10",
                "2026-01-00",
                "2026-1-01",
                " 2026-01-31",
                "2026/01/31",
                "2026-01-31T00:00:00Z",
                "+2026-01-31",
                "2026-0١-31",
                ""
            })
    void aDateInAnyOtherFormIsLeftToTheJdk(String text) {
        assertThat(IsoInstants.fastDate(text)).isNull();
    }

    @Test
    void theModelReadsDatesAsJacksonDoesAndNamesTheFieldOfOneThatIsNot() {
        JsonMapper jackson = JsonMapper.builder().build();
        for (String text : List.of("2026-01-31", "2024-02-29")) {
            assertThat(RosterJson.mapper().readValue('"' + text + '"', LocalDate.class))
                    .isEqualTo(jackson.readValue('"' + text + '"', LocalDate.class));
        }
        String enrollment = """
                {"sourcedId":"e1","status":"active","dateLastModified":"2026-01-01T00:00:00Z","role":"student",
                 "user":{"sourcedId":"u1"},"class":{"sourcedId":"c1"},"beginDate":"2025-02-29"}""";
        assertThatThrownBy(() -> RosterJson.read(Enrollment.class, enrollment))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("beginDate")
                .hasMessageContaining("2025-02-29");
    }
}
