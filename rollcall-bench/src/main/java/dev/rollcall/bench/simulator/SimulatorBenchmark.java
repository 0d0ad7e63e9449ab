package dev.rollcall.bench.simulator;

import dev.rollcall.bench.Benchmark;
import dev.rollcall.bench.Figure;
import dev.rollcall.bench.Flags;
import dev.rollcall.bench.Flags.Flag;
import dev.rollcall.bench.Report;
import dev.rollcall.simulator.Simulator;
import dev.rollcall.simulator.data.RosterGenerator;
import dev.rollcall.simulator.data.Scale;
import dev.rollcall.simulator.http.Dialect;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * {@code simulator}: reads every record of a collection (the large scale's 1,000,000 enrollments by
 * default) from an in-process simulator over loopback HTTP, in pages, in the {@code standard}
 * dialect at each {@code --limits} and in the {@code timeback} dialect at its 3,000 maximum. The
 * baseline is the simulator producing the same pages' bytes in the same process without HTTP,
 * written to a discarding stream, so the ratio shows what HTTP and the client's parse cost. The
 * target is ARCHITECTURE.md's: the simulator is never the bottleneck, 100,000 records/s or more.
 */
public final class SimulatorBenchmark implements Benchmark {

    /** Issue 3: the simulator serves the large scale's enrollments at this rate or more. */
    public static final double TARGET_RECORDS_PER_SECOND = 100_000;

    private static final String BASELINE = "of in-process serialisation";

    static final Flag<Scale> SCALE = new Flag<>("scale", "large", "small | school | district | large", Scale::parse);
    static final Flag<String> COLLECTION = new Flag<>(
            "collection", "enrollments", "the collection read, one of " + RosterGenerator.COLLECTIONS, text -> {
                if (!RosterGenerator.COLLECTIONS.contains(text)) {
                    throw new IllegalArgumentException(
                            "must be one of " + RosterGenerator.COLLECTIONS + ", but was '" + text + "'");
                }
                return text;
            });
    static final Flag<List<Integer>> LIMITS =
            new Flag<>("limits", "10000,100000", "page sizes read in the standard dialect", Flags::positiveInts);
    static final Flag<Integer> TIMEBACK_LIMIT = new Flag<>(
            "timeback-limit",
            Integer.toString(Dialect.TIMEBACK.maxLimit()),
            "page size read in the timeback dialect (its maximum is " + Dialect.TIMEBACK.maxLimit() + ")",
            text -> {
                int limit = Flags.positiveInt(text);
                if (limit > Dialect.TIMEBACK.maxLimit()) {
                    throw new IllegalArgumentException(
                            "must be at most " + Dialect.TIMEBACK.maxLimit() + ", but was " + limit);
                }
                return limit;
            });
    static final Flag<Long> SEED = new Flag<>("seed", "42", "the simulator's data seed", text -> {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, but was '" + text + "'");
        }
    });

    /** What to measure; {@link #run} builds it from the flags. */
    public record Settings(
            Scale scale, long seed, String collection, List<Integer> limits, int timebackLimit, int warmup, int runs) {
        public Settings {
            Objects.requireNonNull(scale, "scale");
            Objects.requireNonNull(collection, "collection");
            limits = List.copyOf(limits);
        }

        List<Scenario> scenarios() {
            List<Scenario> scenarios = new ArrayList<>();
            limits.forEach(limit -> scenarios.add(new Scenario(Dialect.STANDARD, limit)));
            scenarios.add(new Scenario(Dialect.TIMEBACK, timebackLimit));
            return scenarios;
        }
    }

    /** One dialect read at one page size. */
    public record Scenario(Dialect dialect, int limit) {
        String label() {
            return dialect.flag() + " limit=" + limit;
        }
    }

    /** The median runs of one scenario: over HTTP and the in-process baseline. */
    public record Outcome(Scenario scenario, Read overHttp, Read inProcess) {}

    private final LongSupplier nanoTicker;

    public SimulatorBenchmark() {
        this(System::nanoTime);
    }

    SimulatorBenchmark(LongSupplier nanoTicker) {
        this.nanoTicker = nanoTicker;
    }

    @Override
    public String name() {
        return "simulator";
    }

    @Override
    public String summary() {
        return "read a whole collection from the simulator over loopback HTTP (target 100,000 records/s)";
    }

    @Override
    public List<Flag<?>> flags() {
        return List.of(SCALE, COLLECTION, LIMITS, TIMEBACK_LIMIT, SEED, Flags.WARMUP, Flags.RUNS);
    }

    @Override
    public void run(Flags flags, Report report) throws IOException, InterruptedException {
        Settings settings = new Settings(
                flags.get(SCALE),
                flags.get(SEED),
                flags.get(COLLECTION),
                flags.get(LIMITS),
                flags.get(TIMEBACK_LIMIT),
                flags.get(Flags.WARMUP),
                flags.get(Flags.RUNS));
        measure(settings, report);
    }

    /** Measures every scenario, printing each as it completes; returns the median runs. */
    public List<Outcome> measure(Settings settings, Report report) throws IOException, InterruptedException {
        report.title("simulator: read every " + settings.collection() + " over loopback HTTP");
        report.note(String.format(
                Locale.ROOT,
                "scale %s (seed %d); %d warm-up and %d measured runs per scenario, figures from the median run",
                settings.scale().name().toLowerCase(Locale.ROOT),
                settings.seed(),
                settings.warmup(),
                settings.runs()));
        report.note(String.format(
                Locale.ROOT,
                "JVM %s, %d cores, max heap %d MiB",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20));
        List<Outcome> outcomes = new ArrayList<>();
        HttpClient client = PageReader.httpClient();
        for (Dialect dialect : List.of(Dialect.STANDARD, Dialect.TIMEBACK)) {
            List<Scenario> scenarios = settings.scenarios().stream()
                    .filter(scenario -> scenario.dialect() == dialect)
                    .toList();
            Simulator.Options options = Simulator.Options.defaults()
                    .withPort(0)
                    .withScale(settings.scale())
                    .withSeed(settings.seed())
                    .withDialect(dialect);
            try (Simulator simulator = Simulator.start(options)) {
                long total = simulator.roster().size(settings.collection());
                String token = PageReader.clientCredentialsToken(
                        client, simulator.baseUrl(), options.clientId(), options.clientSecret());
                PageReader reader =
                        new PageReader(client, simulator.rosteringUrl(), token, dialect.timebackStyle(), nanoTicker);
                InProcessPages baseline = new InProcessPages(simulator.roster(), dialect, nanoTicker);
                for (Scenario scenario : scenarios) {
                    Read inProcess =
                            median(settings, () -> baseline.produceAll(settings.collection(), scenario.limit(), total));
                    Read overHttp =
                            median(settings, () -> reader.readAll(settings.collection(), scenario.limit(), total));
                    Outcome outcome = new Outcome(scenario, overHttp, inProcess);
                    print(outcome, report);
                    outcomes.add(outcome);
                }
            }
        }
        return outcomes;
    }

    private static void print(Outcome outcome, Report report) {
        String label = outcome.scenario().label();
        Read http = outcome.overHttp();
        Read local = outcome.inProcess();
        report.note("");
        report.note(String.format(
                Locale.ROOT,
                "%s: %,d records in %,d pages, %,.1f MB; over HTTP in %.2f s, in-process in %.2f s",
                label,
                http.records(),
                http.pages(),
                http.bytes() / 1e6,
                http.nanos() / 1e9,
                local.nanos() / 1e9));
        report.figure(Figure.of(label + " read", http.recordsPerSecond(), "records/s")
                .against(new Figure.Baseline(BASELINE, local.recordsPerSecond()))
                .withTarget(Figure.Target.atLeast(TARGET_RECORDS_PER_SECOND)));
        report.figure(Figure.of(label + " read", http.megabytesPerSecond(), "MB/s")
                .against(new Figure.Baseline(BASELINE, local.megabytesPerSecond())));
        report.figure(Figure.of(label + " median page", http.millisPerPage(), "ms")
                .against(new Figure.Baseline(BASELINE, local.millisPerPage())));
    }

    /** A read that can be repeated. */
    @FunctionalInterface
    interface Measured {
        Read read() throws IOException, InterruptedException;
    }

    /** Runs {@code warmup} unmeasured reads, then {@code runs} measured ones; returns the median by time. */
    static Read median(Settings settings, Measured measured) throws IOException, InterruptedException {
        for (int i = 0; i < settings.warmup(); i++) {
            measured.read();
        }
        List<Read> reads = new ArrayList<>();
        for (int i = 0; i < settings.runs(); i++) {
            reads.add(measured.read());
        }
        reads.sort(Comparator.comparingLong(Read::nanos));
        return reads.get(reads.size() / 2);
    }
}
