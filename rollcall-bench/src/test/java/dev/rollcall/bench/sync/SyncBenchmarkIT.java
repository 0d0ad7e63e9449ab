package dev.rollcall.bench.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.bench.Figure;
import dev.rollcall.bench.Report;
import dev.rollcall.simulator.data.Scale;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sync benchmark's code at the small scale, on a real embedded PostgreSQL: the counts, not the speed. */
class SyncBenchmarkIT {

    @Test
    void syncsEveryRecordResyncsWritingNothingAndAppliesExactlyTheDelta() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Report report = new Report(new PrintStream(printed, true, StandardCharsets.UTF_8));

        SyncBenchmark.Result result =
                new SyncBenchmark().measure(Scale.SMALL, 42, 500, Path.of("target", "it-bench-sync"), report);

        assertThat(result.records()).isGreaterThan(1_380 + 300);
        assertThat(result.full().outcome().stats().total(s -> s.created())).isEqualTo(result.records());
        assertThat(result.copiedRows()).isEqualTo(result.records());
        assertThat(result.copyNanos()).isPositive();
        assertThat(result.resyncRowsWritten()).isZero();
        assertThat(result.resync().outcome().stats().total(s -> s.unchanged())).isEqualTo(result.records());
        assertThat(result.deltaChanges()).isPositive();
        assertThat(result.delta().outcome().stats().total(s -> s.read()))
                .as("the delta reads the changes (and the overlap window), not the roster")
                .isLessThan(result.records() / 10);
        assertThat(report.figures())
                .extracting(Figure::name)
                .containsExactly(
                        "full sync",
                        "full sync ÷ raw COPY",
                        "full sync: peak heap used",
                        "no-change resync",
                        "no-change resync: rows written",
                        "1% delta sync",
                        "mapping look-up, cached: p50",
                        "mapping look-up, cached: p99");
        assertThat(result.lookups().misses()).hasSizeGreaterThan(100);
        assertThat(result.lookups().hits()).hasSize(SyncBenchmark.LOOKUPS);
        assertThat(result.lookups().hitRate()).isGreaterThan(0.9);
        assertThat(report.figures().get(4).value()).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("of raw COPY of the same rows");
    }
}
