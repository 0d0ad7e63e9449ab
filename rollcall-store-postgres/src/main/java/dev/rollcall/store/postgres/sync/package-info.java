/**
 * The sync engine's store on PostgreSQL: {@link dev.rollcall.store.postgres.sync.PostgresSyncStore}
 * implements the engine's port with COPY into staging and set-based statements, never row by row.
 */
@NullMarked
package dev.rollcall.store.postgres.sync;

import org.jspecify.annotations.NullMarked;
