package dev.rollcall.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlagsTest {

    private static final Flags.Flag<List<Integer>> LIMITS =
            new Flags.Flag<>("limits", "10,20", "page sizes", Flags::positiveInts);
    private static final List<Flags.Flag<?>> DECLARED = List.of(LIMITS, Flags.RUNS, Flags.WARMUP);

    @Test
    void defaultsApplyAndBothSpellingsAreAccepted() {
        Flags defaults = Flags.parse(DECLARED, List.of());
        Flags given = Flags.parse(DECLARED, List.of("--runs", "5", "--limits=1_000, 3"));

        assertThat(defaults.get(LIMITS)).containsExactly(10, 20);
        assertThat(defaults.get(Flags.RUNS)).isEqualTo(3);
        assertThat(defaults.get(Flags.WARMUP)).isEqualTo(1);
        assertThat(given.get(Flags.RUNS)).isEqualTo(5);
        assertThat(given.get(LIMITS)).containsExactly(1_000, 3);
    }

    @Test
    void everyProblemIsReportedAtOnceNamingTheFlag() {
        assertThatThrownBy(() -> Flags.parse(
                        DECLARED, List.of("--runs", "0", "--limits", "a", "--bogus", "1", "stray", "--warmup")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--runs must be 1 or more, but was 0")
                .hasMessageContaining("--limits must be a whole number, but was 'a'")
                .hasMessageContaining("unknown flag --bogus")
                .hasMessageContaining("unexpected argument 'stray'")
                .hasMessageContaining("--warmup needs a value");
    }

    @Test
    void anUndeclaredFlagCannotBeRead() {
        Flags flags = Flags.parse(List.of(Flags.RUNS), List.of());

        assertThatThrownBy(() -> flags.get(LIMITS)).hasMessageContaining("--limits was not declared");
    }
}
