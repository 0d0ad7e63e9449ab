/**
 * The sync benchmark ({@code sync}): the engine, the PostgreSQL store and the OneRoster connector
 * through the real gateway against the in-process simulator, without Spring, beside a raw COPY of
 * the same rows into the same PostgreSQL.
 */
@NullMarked
package dev.rollcall.bench.sync;

import org.jspecify.annotations.NullMarked;
