package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.json.Checksum;
import java.util.UUID;

/**
 * What the store knows of one external record of an integration: its local id, the checksum of the
 * source record last applied or staged, and whether it is deleted.
 *
 * @param activeInRoster whether the roster holds it as active right now (the base of the mass-change
 *     guard: staged changes of the running session do not count)
 */
public record StoredRecord(
        String externalId, UUID localId, Checksum checksum, boolean deleted, boolean activeInRoster) {}
