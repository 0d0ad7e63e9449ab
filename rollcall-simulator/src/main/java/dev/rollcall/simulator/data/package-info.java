/**
 * The simulator's deterministic roster: every OneRoster 1.2 record is a pure function of (seed,
 * scale, collection, index), computed on demand with no per-record storage.
 */
@NullMarked
package dev.rollcall.simulator.data;

import org.jspecify.annotations.NullMarked;
