package dev.rollcall.simulator.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScaleTest {

    @Test
    void parsesIgnoringCase() {
        assertThat(Scale.parse("small")).isEqualTo(Scale.SMALL);
        assertThat(Scale.parse("School")).isEqualTo(Scale.SCHOOL);
        assertThat(Scale.parse(" DISTRICT ")).isEqualTo(Scale.DISTRICT);
        assertThat(Scale.parse("lArGe")).isEqualTo(Scale.LARGE);
    }

    @Test
    void rejectsUnknownNamesListingTheValidOnes() {
        assertThatThrownBy(() -> Scale.parse("huge"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("huge")
                .hasMessageContaining("small, school, district, large");
        assertThatThrownBy(() -> Scale.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void smallScale() {
        RosterGenerator generator = Rosters.generator(Scale.SMALL);
        assertThat(generator.count("orgs")).isEqualTo(2);
        assertThat(generator.count("academicSessions")).isEqualTo(7);
        assertThat(generator.count("courses")).isBetween(10, 25);
        assertThat(generator.count("classes")).isEqualTo(30);
        assertThat(generator.count("users")).isEqualTo(300);
        assertThat(generator.count("demographics")).isBetween(260, 280);
        assertThat(generator.count("enrollments")).isEqualTo(30 * 46);
    }

    @Test
    void schoolScale() {
        RosterGenerator generator = Rosters.generator(Scale.SCHOOL);
        assertThat(generator.count("orgs")).isEqualTo(2);
        assertThat(generator.count("classes")).isEqualTo(100);
        assertThat(generator.count("users")).isEqualTo(1_500);
    }

    @Test
    void districtScale() {
        RosterGenerator generator = Rosters.generator(Scale.DISTRICT);
        assertThat(generator.count("orgs")).isEqualTo(21);
        assertThat(generator.count("users")).isEqualTo(20_000);
        assertThat(generator.count("enrollments")).isEqualTo(200_000);
    }

    @Test
    void largeScaleIsExact() {
        RosterGenerator generator = Rosters.generator(Scale.LARGE);
        assertThat(generator.count("orgs")).isEqualTo(51);
        assertThat(generator.count("academicSessions")).isEqualTo(7);
        assertThat(generator.count("users")).isEqualTo(100_000);
        assertThat(generator.count("classes")).isEqualTo(5_000);
        assertThat(generator.count("enrollments")).isEqualTo(1_000_000);
        assertThat(generator.count("demographics")).isEqualTo(50 * 1_880);
    }

    @Test
    void unknownCollectionsAreRejected() {
        RosterGenerator generator = Rosters.generator(Scale.SMALL);
        assertThatThrownBy(() -> generator.count("students")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.record("teachers", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.sourcedId("schools", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.indexOf("terms", "as-0001")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.record("users", 300)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> generator.record("users", -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
