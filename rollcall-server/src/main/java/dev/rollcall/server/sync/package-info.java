/**
 * Sync sessions: the API that starts, lists, shows, cancels, approves and rejects runs; the jobs
 * that execute them on db-scheduler (shared by every Rollcall instance through PostgreSQL, one run
 * per integration at a time); and per-integration schedules.
 */
@NullMarked
package dev.rollcall.server.sync;

import org.jspecify.annotations.NullMarked;
