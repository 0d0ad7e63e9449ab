package dev.rollcall.connector.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
}
