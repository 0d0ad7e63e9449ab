package dev.rollcall.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final Report report = new Report(new PrintStream(printed, true, StandardCharsets.UTF_8));

    @Test
    void aFigureIsPrintedWithItsRatioToTheBaselineAndItsTarget() {
        report.figure(Figure.of("read", 250_000, "records/s")
                .against(new Figure.Baseline("of in-process", 500_000))
                .withTarget(Figure.Target.atLeast(100_000)));
        report.figure(Figure.of("sync", 75, "s").withTarget(Figure.Target.atMost(60)));

        assertThat(printed.toString(StandardCharsets.UTF_8).lines())
                .satisfiesExactly(
                        read -> assertThat(read)
                                .matches(" +read +250,000 records/s +0\\.50× of in-process \\(500,000\\)"
                                        + " +target ≥ 100,000: met"),
                        sync -> assertThat(sync).matches(" +sync +75\\.0 s +target ≤ 60\\.0: NOT MET"));
        assertThat(report.figures()).hasSize(2);
        assertThat(report.figures().getFirst().ratio()).isEqualTo(0.5);
    }

    @Test
    void aFigureWithoutBaselineHasNoRatioAndANonFiniteValueIsRefused() {
        assertThat(Figure.of("x", 1, "ms").ratio()).isNaN();
        assertThatThrownBy(() -> Figure.of("x", Double.NaN, "ms"))
                .hasMessageContaining("value of figure 'x' must be finite");
    }
}
