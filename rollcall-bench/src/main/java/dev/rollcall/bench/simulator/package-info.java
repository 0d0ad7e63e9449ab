/**
 * The {@code simulator} benchmark: how fast the simulator serves a large roster over loopback HTTP
 * ({@link dev.rollcall.bench.simulator.SimulatorBenchmark}), read as a sync reads it ({@link
 * dev.rollcall.bench.simulator.PageReader}) and compared with producing the same bytes without HTTP
 * ({@link dev.rollcall.bench.simulator.InProcessPages}).
 */
@NullMarked
package dev.rollcall.bench.simulator;

import org.jspecify.annotations.NullMarked;
