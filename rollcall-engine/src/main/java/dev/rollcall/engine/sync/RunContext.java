package dev.rollcall.engine.sync;

import java.util.List;
import java.util.UUID;

/**
 * One run: whose it is, the session that records it, how it reads and what.
 *
 * @param streams the stream names to read; empty means every stream of the connector. A run that
 *     names streams touches nothing else (a per-stream backfill).
 * @param dryRun compute and record what would change, apply nothing
 */
public record RunContext(
        UUID tenantId, UUID integrationId, UUID sessionId, SyncMode mode, List<String> streams, boolean dryRun) {

    public RunContext {
        streams = List.copyOf(streams);
    }
}
