package dev.rollcall.simulator.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LargeRosterTest {

    @Test
    void isReadyAtOnce() {
        long start = System.nanoTime();
        RosterGenerator generator = Rosters.generator(Scale.LARGE);
        generator.record("enrollments", 999_999);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void firstMiddleAndLastRecordsAreValid() {
        RosterGenerator generator = Rosters.generator(Scale.LARGE);
        List<String> errors = new ArrayList<>();
        for (String collection : RosterGenerator.COLLECTIONS) {
            int count = generator.count(collection);
            for (int index : new int[] {0, count / 3, count / 2, count - 1}) {
                errors.addAll(Rosters.errors(generator, collection, index));
                JsonNode record = generator.record(collection, index);
                assertThat(record.get("sourcedId").asString()).isEqualTo(generator.sourcedId(collection, index));
                assertThat(record.get("status").asString()).isEqualTo("active");
            }
        }
        assertThat(errors).isEmpty();
        JsonNode last = generator.record("enrollments", 999_999);
        assertThat(last.get("class").get("sourcedId").asString()).isEqualTo("cls-005000");
        assertThat(generator.indexOf("users", last.get("user").get("sourcedId").asString()))
                .isPresent();
        assertThat(generator.record("orgs", 0).get("children")).hasSize(50);
    }

    @Test
    void allMillionEnrollmentsAreFastAndUnique() {
        RosterGenerator generator = Rosters.generator(Scale.LARGE);
        int count = generator.count("enrollments");
        long[] pairs = new long[count];
        long start = System.nanoTime();
        for (int index = 0; index < count; index++) {
            JsonNode enrollment = generator.record("enrollments", index);
            int user = generator
                    .indexOf("users", enrollment.get("user").get("sourcedId").asString())
                    .getAsInt();
            int rosterClass = generator
                    .indexOf("classes", enrollment.get("class").get("sourcedId").asString())
                    .getAsInt();
            pairs[index] = (long) user << 32 | rosterClass;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("generated " + count + " LARGE enrollments (with id parsing) in " + millis + " ms");
        Arrays.sort(pairs);
        for (int i = 1; i < count; i++) {
            assertThat(pairs[i]).isNotEqualTo(pairs[i - 1]);
        }
        assertThat(millis).isLessThan(30_000);
    }
}
