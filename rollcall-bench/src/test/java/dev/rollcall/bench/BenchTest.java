package dev.rollcall.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Bench.standard()
                .run(
                        List.of(args),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheBenchmarksAndEachOnesFlags() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("simulator").contains("BENCHMARKS.md");

        assertThat(run("simulator", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--scale").contains("--runs");
    }

    @Test
    void badUsageExitsTwoNamingTheProblem() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("nope")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown benchmark 'nope'");

        assertThat(run("simulator", "--scale", "huge")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--scale");
    }
}
