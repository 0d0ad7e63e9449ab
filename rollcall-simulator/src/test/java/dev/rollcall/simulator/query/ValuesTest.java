package dev.rollcall.simulator.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamps read without the formatter read as the formatter reads them, or fall back to it. */
class ValuesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-08-01T00:00:00Z",
                "2025-08-01T00:00:00z",
                "2025-08-01t12:34:56Z",
                "2025-08-01T12:34:56.7Z",
                "2025-08-01T12:34:56.789Z",
                "2025-08-01T12:34:56.000001Z",
                "2025-08-01T12:34:56.123456789Z",
                "2024-02-29T23:59:59.999Z",
                "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z",
                // not valid times: neither reading accepts them
                "2025-02-29T00:00:00Z",
                "2025-02-30T00:00:00Z",
                "2025-13-01T00:00:00Z",
                "2025-08-01T24:00:00Z",
                "2025-08-01T23:60:00Z",
                "2025-08-01T23:59:60Z",
                "2025-08-01T12:34:56.1234567890Z",
                "2025-08-01T12:34:56.Z",
                "2025-08-01T12:34:5xZ",
                "2025-08-01T12-34-56Z",
                // other shapes: the formatter decides
                "2025-08-01T12:34Z",
                "2025-08-01T12:34:56",
                "2025-08-01T12:34:56.5",
                "2025-08-01T12:34:56+02:00",
                "2025-08-01T12:34:56.250-05:30",
                "2025-08-01T12:34:56Z[UTC]",
                "2025-08-01T12:34",
                "2025-08-01",
                "not a date at all"
            })
    void aTimestampReadsAsTheFormatterReadsIt(String text) {
        assertThat(Values.parseInstant(text)).isEqualTo(byTheFormatter(text));
    }

    /** The formatter's reading, for a text of the shape the simulator reads as a timestamp at all. */
    private static @Nullable Instant byTheFormatter(String s) {
        if (s.length() < 16 || s.charAt(10) != 'T' && s.charAt(10) != 't') {
            return null;
        }
        return Values.parseInstantByFormatter(s);
    }
}
