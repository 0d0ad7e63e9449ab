package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.json.Checksum;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the store knows of one external record of an integration: its local id, the checksum of the
 * source record last applied or staged, and whether it is deleted.
 *
 * @param activeInRoster whether the roster holds it as active right now (the base of the mass-change
 *     guard: staged changes of the running session do not count)
 * @param sourceHash the source hash stored with the checksum, when the record came with one ({@link
 *     dev.rollcall.connector.api.SourceRecord#sourceHash})
 */
public record StoredRecord(
        String externalId,
        UUID localId,
        Checksum checksum,
        boolean deleted,
        boolean activeInRoster,
        @Nullable Checksum sourceHash) {}
