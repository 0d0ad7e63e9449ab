package dev.rollcall.engine.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersion7WithTheClocksMillisecondsFirstAndSortByTime() {
        Instant t0 = Instant.parse("2026-11-22T05:00:00Z");
        UUID early = new TimeOrderedIds(Clock.fixed(t0, ZoneOffset.UTC)).next();
        UUID late = new TimeOrderedIds(Clock.fixed(t0.plusMillis(1), ZoneOffset.UTC)).next();

        assertThat(early.version()).isEqualTo(7);
        assertThat(early.variant()).isEqualTo(2);
        assertThat(early.getMostSignificantBits() >>> 16).isEqualTo(t0.toEpochMilli());
        assertThat(early.toString()).isLessThan(late.toString());
    }

    @Test
    void idsOfTheSameMillisecondDifferInTheirRandomBits() {
        TimeOrderedIds ids = new TimeOrderedIds(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        Set<UUID> made = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            made.add(ids.next());
        }
        assertThat(made).hasSize(100_000);
    }
}
