package dev.rollcall.connector.api;

import dev.rollcall.connector.api.json.Checksum;

/**
 * What the store holds of a stream's records, asked by a connector that hashes each record's bytes
 * as the upstream sent them ({@link SourceRecord#sourceHash}): when the store holds a record with
 * that very hash, the record is unchanged, and the connector may hand it back as an {@link
 * UnchangedRecord} without binding it to the model, canonicalising and checksumming it, which is
 * most of what a full read of an unchanged roster costs.
 *
 * <p>The store answers yes only for a record it holds as active, whose stored checksum was written
 * together with that hash. The hash covers the bytes and the connector's reading of them (its
 * version), so a changed record, a record stored by another path, or a new Rollcall that reads
 * records differently all answer no, and the record is read in full.
 *
 * <p>Called on the thread that reads the page.
 */
@FunctionalInterface
public interface KnownRecords {

    /** Whether the store holds the record with this external id exactly as hashed. */
    boolean unchanged(String externalId, Checksum sourceHash);
}
