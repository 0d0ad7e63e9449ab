/**
 * Benchmarks of how applications read the roster: Rollcall's OneRoster API ({@code oneroster-api})
 * and its change feed ({@code change-feed}), each against a plain SQL read of the same rows.
 */
@NullMarked
package dev.rollcall.bench.readapi;

import org.jspecify.annotations.NullMarked;
