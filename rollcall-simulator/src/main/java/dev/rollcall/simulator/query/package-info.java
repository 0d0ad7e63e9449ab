/**
 * The OneRoster 1.2 query engine of the simulator: {@code filter=} parsing and evaluation over
 * records in the JSON binding ({@link dev.rollcall.simulator.query.FilterParser}), {@code
 * sort=}/{@code orderBy=} ({@link dev.rollcall.simulator.query.Sorting}) and {@code fields=}
 * ({@link dev.rollcall.simulator.query.FieldSelection}). Bad parameters surface as {@link
 * dev.rollcall.simulator.query.QueryException}, which the HTTP layer maps to a 400 {@code
 * imsx_StatusInfo}.
 */
@NullMarked
package dev.rollcall.simulator.query;

import org.jspecify.annotations.NullMarked;
