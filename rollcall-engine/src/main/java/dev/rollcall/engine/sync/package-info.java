/**
 * The sync engine: it reads a connector's pages in entity order, classifies every record against
 * the store (new, changed, unchanged, deleted, undeleted), resolves identities and references to
 * Rollcall's own ids, and hands the result to the {@link dev.rollcall.engine.sync.SyncStore} port.
 * Start at {@link dev.rollcall.engine.sync.SyncEngine}.
 */
@NullMarked
package dev.rollcall.engine.sync;

import org.jspecify.annotations.NullMarked;
