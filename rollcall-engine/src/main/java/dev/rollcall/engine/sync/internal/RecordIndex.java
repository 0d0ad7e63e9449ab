package dev.rollcall.engine.sync.internal;

import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.engine.sync.MatchedBy;
import dev.rollcall.engine.sync.StoredRecord;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One entity's external ids of one integration, in memory for the length of a run: local id,
 * checksum, deleted, and whether this run has seen it. A million entries take about 150 MB; the
 * checksum is kept as two longs, not as text. Not thread-safe: one run, one thread.
 */
public final class RecordIndex {

    /** One external id's state. Mutable: the run updates it as it stages changes. */
    public static final class Entry {
        private final UUID localId;
        private long sumHigh;
        private long sumLow;
        private boolean known;
        private boolean deleted;
        private boolean seen;
        private final @Nullable MatchedBy pendingMapping;

        private Entry(UUID localId, boolean known, @Nullable MatchedBy pendingMapping) {
            this.localId = localId;
            this.known = known;
            this.pendingMapping = pendingMapping;
        }

        public UUID localId() {
            return localId;
        }

        /** Whether the store has it (applied or staged); false for an id reserved for a deferred record. */
        public boolean known() {
            return known;
        }

        public boolean deleted() {
            return deleted;
        }

        public boolean seen() {
            return seen;
        }

        /** For a reserved id: how it was found (created or matched by natural key). */
        public @Nullable MatchedBy pendingMapping() {
            return pendingMapping;
        }

        public boolean sameChecksum(Checksum checksum) {
            ByteBuffer bytes = ByteBuffer.wrap(checksum.bytes());
            return known && bytes.getLong() == sumHigh && bytes.getLong() == sumLow;
        }

        public Checksum checksum() {
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(sumHigh).putLong(sumLow);
            return Checksum.fromBytes(bytes.array());
        }

        void stored(Checksum checksum, boolean isDeleted) {
            ByteBuffer bytes = ByteBuffer.wrap(checksum.bytes());
            sumHigh = bytes.getLong();
            sumLow = bytes.getLong();
            deleted = isDeleted;
            known = true;
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private long activeInRoster;

    /** Adds what the store has; the count of records active in the roster is kept for the guard. */
    public void load(StoredRecord record) {
        Entry entry = new Entry(record.localId(), true, null);
        entry.stored(record.checksum(), record.deleted());
        entries.put(record.externalId(), entry);
        if (record.activeInRoster()) {
            activeInRoster++;
        }
    }

    public @Nullable Entry get(String externalId) {
        return entries.get(externalId);
    }

    /** Reserves a local id for an external id the store does not have yet; it counts as seen. */
    public Entry reserve(String externalId, UUID localId, MatchedBy how) {
        Entry entry = new Entry(localId, false, how);
        entry.seen = true;
        entries.put(externalId, entry);
        return entry;
    }

    /** Records that a change for the external id is staged with this checksum. */
    public void staged(String externalId, Entry entry, Checksum checksum, boolean deleted) {
        entry.stored(checksum, deleted);
        entries.putIfAbsent(externalId, entry);
    }

    public void markSeen(String externalId) {
        Entry entry = entries.get(externalId);
        if (entry != null) {
            entry.seen = true;
        }
    }

    /** Each external id the store has, active, and this run did not see. */
    public void forEachUnseenActive(java.util.function.BiConsumer<String, Entry> action) {
        entries.forEach((externalId, entry) -> {
            if (entry.known && !entry.deleted && !entry.seen) {
                action.accept(externalId, entry);
            }
        });
    }

    public void forEach(Consumer<Entry> action) {
        entries.values().forEach(action);
    }

    /** Records active in the roster when the index was loaded (the mass-change guard's base). */
    public long activeInRoster() {
        return activeInRoster;
    }

    public int size() {
        return entries.size();
    }
}
