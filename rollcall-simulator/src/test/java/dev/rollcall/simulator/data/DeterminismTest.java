package dev.rollcall.simulator.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    @Test
    void sameSeedGivesIdenticalJson() {
        for (Scale scale : Scale.values()) {
            RosterGenerator first = new RosterGenerator(7L, scale, Rosters.BASE_TIME);
            RosterGenerator second = new RosterGenerator(7L, scale, Rosters.BASE_TIME);
            for (String collection : RosterGenerator.COLLECTIONS) {
                for (int index : Rosters.sample(first, collection, 50)) {
                    assertThat(Rosters.json(second.record(collection, index)))
                            .as("%s %s[%d]", scale, collection, index)
                            .isEqualTo(Rosters.json(first.record(collection, index)));
                }
            }
        }
    }

    @Test
    void recordsAreFreshNodesAndRepeatable() {
        RosterGenerator generator = Rosters.generator(Scale.SMALL);
        var first = generator.record("users", 5);
        String before = Rosters.json(first);
        first.put("givenName", "changed");
        assertThat(Rosters.json(generator.record("users", 5))).isEqualTo(before);
        // out of order generation gives the same records
        String enrollment = Rosters.json(generator.record("enrollments", 700));
        for (int i = 0; i < 100; i++) {
            generator.record("enrollments", i);
            generator.record("users", i);
        }
        assertThat(Rosters.json(generator.record("enrollments", 700))).isEqualTo(enrollment);
    }

    @Test
    void pinnedOutputDoesNotDrift() {
        RosterGenerator generator = Rosters.generator(Scale.SMALL);
        assertThat(Rosters.json(generator.record("academicSessions", 1)))
                .isEqualTo("{\"sourcedId\":\"as-0002\",\"status\":\"active\","
                        + "\"dateLastModified\":\"2025-08-01T00:00:00.000Z\",\"title\":\"Fall 2025\","
                        + "\"type\":\"term\",\"startDate\":\"2025-08-15\",\"endDate\":\"2025-12-19\","
                        + "\"parent\":{\"href\":\"/academicSessions/as-0001\",\"sourcedId\":\"as-0001\","
                        + "\"type\":\"academicSession\"},\"children\":[{\"href\":\"/academicSessions/as-0004\","
                        + "\"sourcedId\":\"as-0004\",\"type\":\"gradingPeriod\"},"
                        + "{\"href\":\"/academicSessions/as-0005\",\"sourcedId\":\"as-0005\","
                        + "\"type\":\"gradingPeriod\"}],\"schoolYear\":\"2026\","
                        + "\"org\":{\"href\":\"/orgs/org-00001\",\"sourcedId\":\"org-00001\",\"type\":\"org\"}}");
    }

    @Test
    void differentSeedGivesDifferentRoster() {
        RosterGenerator first = new RosterGenerator(1L, Scale.SCHOOL, Rosters.BASE_TIME);
        RosterGenerator second = new RosterGenerator(2L, Scale.SCHOOL, Rosters.BASE_TIME);
        int differentUsers = 0;
        for (int index = 0; index < 100; index++) {
            if (!Rosters.json(first.record("users", index)).equals(Rosters.json(second.record("users", index)))) {
                differentUsers++;
            }
        }
        assertThat(differentUsers).isGreaterThan(90);
        assertThat(Rosters.json(first.record("demographics", 3)))
                .isNotEqualTo(Rosters.json(second.record("demographics", 3)));
        // ids and counts depend on the scale only
        assertThat(first.sourcedId("users", 10)).isEqualTo(second.sourcedId("users", 10));
        assertThat(first.count("enrollments")).isEqualTo(second.count("enrollments"));
    }

    @Test
    void baseTimeSetsModificationTimeAndSchoolYear() {
        RosterGenerator generator = new RosterGenerator(1L, Scale.SMALL, Instant.parse("2027-03-04T05:06:07.890123Z"));
        var year = generator.record("academicSessions", 0);
        assertThat(year.get("dateLastModified").asString()).isEqualTo("2027-03-04T05:06:07.890Z");
        assertThat(year.get("title").asString()).isEqualTo("2026-2027");
        assertThat(year.get("schoolYear").asString()).isEqualTo("2027");
        assertThat(generator.baseTime()).isEqualTo(Instant.parse("2027-03-04T05:06:07.890123Z"));
        assertThat(generator.seed()).isEqualTo(1L);
        assertThat(generator.scale()).isEqualTo(Scale.SMALL);
    }
}
