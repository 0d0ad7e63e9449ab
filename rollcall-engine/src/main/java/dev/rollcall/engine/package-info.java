/**
 * The sync engine: connector catalog, run planning, identity and classification. No Spring, no
 * JDBC: storage is a port the store module implements.
 */
@NullMarked
package dev.rollcall.engine;

import org.jspecify.annotations.NullMarked;
