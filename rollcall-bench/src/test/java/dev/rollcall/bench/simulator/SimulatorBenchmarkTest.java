package dev.rollcall.bench.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.bench.Figure;
import dev.rollcall.bench.Report;
import dev.rollcall.simulator.data.Scale;
import dev.rollcall.simulator.http.Dialect;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's code at the small scale: the counts, not the speed. */
class SimulatorBenchmarkTest {

    private static final int SMALL_ENROLLMENTS = 1_380;

    @Test
    void readsEveryRecordOverHttpAndInProcessAndPrintsEachFigureAgainstItsBaseline() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Report report = new Report(new PrintStream(printed, true, StandardCharsets.UTF_8));
        var settings =
                new SimulatorBenchmark.Settings(Scale.SMALL, 42, "enrollments", List.of(100, 1_000), 3_000, 0, 1);

        List<SimulatorBenchmark.Outcome> outcomes = new SimulatorBenchmark().measure(settings, report);

        assertThat(outcomes)
                .extracting(SimulatorBenchmark.Outcome::scenario)
                .containsExactly(
                        new SimulatorBenchmark.Scenario(Dialect.STANDARD, 100),
                        new SimulatorBenchmark.Scenario(Dialect.STANDARD, 1_000),
                        new SimulatorBenchmark.Scenario(Dialect.TIMEBACK, 3_000));
        for (SimulatorBenchmark.Outcome outcome : outcomes) {
            int limit = outcome.scenario().limit();
            int pages = (SMALL_ENROLLMENTS + limit - 1) / limit;
            assertThat(outcome.overHttp().records()).isEqualTo(SMALL_ENROLLMENTS);
            assertThat(outcome.overHttp().pages()).isEqualTo(pages);
            assertThat(outcome.inProcess().records()).isEqualTo(SMALL_ENROLLMENTS);
            assertThat(outcome.inProcess().pages()).isEqualTo(pages);
            assertThat(outcome.overHttp().bytes())
                    .as("the same bytes over HTTP as in-process for %s", outcome.scenario())
                    .isEqualTo(outcome.inProcess().bytes())
                    .isGreaterThan(SMALL_ENROLLMENTS * 300L);
        }
        assertThat(report.figures()).hasSize(9).allSatisfy(figure -> assertThat(figure.baseline())
                .isNotNull());
        assertThat(report.figures())
                .filteredOn(figure -> figure.unit().equals("records/s"))
                .extracting(Figure::target)
                .containsOnly(Figure.Target.atLeast(SimulatorBenchmark.TARGET_RECORDS_PER_SECOND));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("standard limit=100: 1,380 records in 14 pages")
                .contains("timeback limit=3000 read")
                .contains("× of in-process serialisation");
    }
}
