package dev.rollcall.bench;

import dev.rollcall.bench.readapi.ReadApiBenchmarks;
import dev.rollcall.bench.simulator.SimulatorBenchmark;
import dev.rollcall.bench.sync.SyncBenchmark;
import dev.rollcall.bench.webhooks.WebhookIngressBenchmark;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry point: {@code java -Xmx512m -jar rollcall-bench.jar <benchmark> [flags]}. Runs one
 * benchmark and prints its figures; exits 0 when it ran, 2 for bad usage, 1 when the measured
 * system misbehaved.
 */
public final class Bench {

    private final Map<String, Benchmark> benchmarks = new LinkedHashMap<>();

    Bench(List<Benchmark> benchmarks) {
        benchmarks.forEach(benchmark -> this.benchmarks.put(benchmark.name(), benchmark));
    }

    /** Every benchmark there is; a new one is added here. */
    static Bench standard() {
        return new Bench(List.of(
                new SimulatorBenchmark(),
                new ReadApiBenchmarks.OneRosterApi(),
                new ReadApiBenchmarks.ChangeFeed(),
                new WebhookIngressBenchmark(),
                new SyncBenchmark()));
    }

    public static void main(String[] args) {
        System.exit(standard().run(List.of(args), System.out, System.err));
    }

    /** Runs the benchmark {@code args} names; returns the exit code. */
    int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()
                || args.getFirst().equals("--help")
                || args.getFirst().equals("-h")) {
            out.print(usage());
            return args.isEmpty() ? 2 : 0;
        }
        Benchmark benchmark = benchmarks.get(args.getFirst());
        if (benchmark == null) {
            err.println("unknown benchmark '" + args.getFirst() + "'; the benchmarks are " + benchmarks.keySet());
            return 2;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println("Usage: java -Xmx512m -jar rollcall-bench.jar " + benchmark.name() + " [flags]");
            out.println(benchmark.summary());
            out.print(Flags.usage(benchmark.flags()));
            return 0;
        }
        Flags flags;
        try {
            flags = Flags.parse(benchmark.flags(), rest);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("Run with " + benchmark.name() + " --help for its flags.");
            return 2;
        }
        try {
            benchmark.run(flags, new Report(out));
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(benchmark.name() + " was interrupted");
            return 1;
        } catch (Exception e) {
            err.println(benchmark.name() + " failed: " + e.getMessage());
            e.printStackTrace(err);
            return 1;
        }
    }

    private String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: java -Xmx512m -jar rollcall-bench.jar <benchmark> [flags]

                Rollcall's benchmarks. Each prints its figures with the ratio to its baseline and its target.

                """);
        benchmarks
                .values()
                .forEach(
                        benchmark -> text.append(String.format("  %-12s %s%n", benchmark.name(), benchmark.summary())));
        text.append("\nRun <benchmark> --help for its flags. Results and commands: BENCHMARKS.md.\n");
        return text.toString();
    }
}
