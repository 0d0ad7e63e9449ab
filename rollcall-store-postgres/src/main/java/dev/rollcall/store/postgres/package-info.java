/**
 * The PostgreSQL store: the schema (Flyway migrations under {@code db/migration}), the embedded
 * server, and (with the sync engine) the bulk paths.
 */
@NullMarked
package dev.rollcall.store.postgres;

import org.jspecify.annotations.NullMarked;
