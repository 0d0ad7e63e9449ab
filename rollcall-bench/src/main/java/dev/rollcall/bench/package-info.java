/**
 * Rollcall's benchmarks: programs, not timed tests, that measure one path against the targets in
 * ARCHITECTURE.md and print each figure with the ratio to its baseline. {@link
 * dev.rollcall.bench.Bench} is the entry point; each {@link dev.rollcall.bench.Benchmark} is a
 * subcommand with its own {@link dev.rollcall.bench.Flags}; {@link dev.rollcall.bench.Report}
 * prints the {@link dev.rollcall.bench.Figure}s.
 */
@NullMarked
package dev.rollcall.bench;

import org.jspecify.annotations.NullMarked;
