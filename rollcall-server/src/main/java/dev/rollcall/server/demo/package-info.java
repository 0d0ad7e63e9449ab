/**
 * The demo: with no configuration (an embedded PostgreSQL and {@code ROLLCALL_DEMO} not false),
 * Rollcall starts the simulator in-process and syncs a {@code timeback}-profile integration against
 * it in the default tenant, so that a first start shows a complete roster and a finished session.
 */
@NullMarked
package dev.rollcall.server.demo;

import org.jspecify.annotations.NullMarked;
