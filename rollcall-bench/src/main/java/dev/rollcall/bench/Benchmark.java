package dev.rollcall.bench;

import java.util.List;

/**
 * One benchmark, run as a subcommand of {@link Bench}: it declares its flags, measures, and prints
 * its figures to the {@link Report}, each with its baseline where it has one.
 *
 * <p>Implementations are stateless; {@link #run} is called once per invocation, on the main thread,
 * and may start servers and threads of its own, which it stops before returning.
 */
public interface Benchmark {

    /** The subcommand, e.g. {@code simulator}. */
    String name();

    /** One line for {@code --help}. */
    String summary();

    /** The flags {@link #run} reads; {@link Flags#RUNS} and {@link Flags#WARMUP} where it repeats. */
    List<Flags.Flag<?>> flags();

    /**
     * Measures and prints.
     *
     * @throws Exception when the measured system misbehaves (a wrong count, a failed request): a
     *     benchmark never prints a figure for a run it could not verify
     */
    void run(Flags flags, Report report) throws Exception;
}
