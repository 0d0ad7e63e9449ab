package dev.rollcall.simulator.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SourcedIdTest {

    @Test
    void idsRoundTripAndSortInIndexOrderOnSmall() {
        RosterGenerator generator = Rosters.generator(Scale.SMALL);
        for (String collection : RosterGenerator.COLLECTIONS) {
            String previous = null;
            for (int index = 0; index < generator.count(collection); index++) {
                String id = generator.sourcedId(collection, index);
                assertThat(generator.indexOf(collection, id)).hasValue(index);
                assertThat(generator.record(collection, index).get("sourcedId").asString())
                        .isEqualTo(id);
                if (previous != null) {
                    assertThat(id).as(collection).isGreaterThan(previous);
                }
                previous = id;
            }
        }
    }

    @Test
    void idsRoundTripOnLarge() {
        RosterGenerator generator = Rosters.generator(Scale.LARGE);
        for (String collection : RosterGenerator.COLLECTIONS) {
            int[] sample = Rosters.sample(generator, collection, 500);
            String previous = null;
            for (int index : sample) {
                String id = generator.sourcedId(collection, index);
                assertThat(generator.indexOf(collection, id)).hasValue(index);
                if (previous != null) {
                    assertThat(id).as(collection).isGreaterThan(previous);
                }
                previous = id;
            }
        }
    }

    @Test
    void examples() {
        RosterGenerator generator = Rosters.generator(Scale.LARGE);
        assertThat(generator.sourcedId("orgs", 0)).isEqualTo("org-00001");
        assertThat(generator.sourcedId("academicSessions", 0)).isEqualTo("as-0001");
        assertThat(generator.sourcedId("courses", 0)).isEqualTo("crs-000001");
        assertThat(generator.sourcedId("classes", 4_999)).isEqualTo("cls-005000");
        assertThat(generator.sourcedId("users", 99_999)).isEqualTo("usr-0100000");
        assertThat(generator.sourcedId("enrollments", 999_999)).isEqualTo("enr-01000000");
        // demographics carry the student's own sourcedId; the second school's first student
        assertThat(generator.sourcedId("demographics", 1_880)).isEqualTo("usr-0002001");
        assertThat(generator.indexOf("demographics", "usr-0002001")).hasValue(1_880);
    }

    @Test
    void unknownIdsAreEmpty() {
        RosterGenerator generator = Rosters.generator(Scale.SMALL);
        assertThat(generator.indexOf("users", "usr-0000000")).isEqualTo(OptionalInt.empty());
        assertThat(generator.indexOf("users", "usr-0000301")).isEmpty();
        assertThat(generator.indexOf("users", "usr-000001")).isEmpty();
        assertThat(generator.indexOf("users", "usr-00000x1")).isEmpty();
        assertThat(generator.indexOf("users", "cls-0000001")).isEmpty();
        assertThat(generator.indexOf("users", "")).isEmpty();
        assertThat(generator.indexOf("users", null)).isEmpty();
        // a teacher has no demographics record
        String teacher = generator.sourcedId("users", 280);
        assertThat(generator
                        .record("users", 280)
                        .get("roles")
                        .get(0)
                        .get("role")
                        .asString())
                .isEqualTo("teacher");
        assertThat(generator.indexOf("demographics", teacher)).isEmpty();
    }
}
