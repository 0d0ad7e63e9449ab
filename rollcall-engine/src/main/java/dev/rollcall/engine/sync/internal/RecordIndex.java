package dev.rollcall.engine.sync.internal;

import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.engine.sync.MatchedBy;
import dev.rollcall.engine.sync.StoredRecord;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One entity's external ids of one integration, in memory for the length of a run: local id,
 * checksum, deleted, and whether this run has seen it. A million entries take about 140 MB; the
 * checksum and the local id are kept as two longs each, not as text or objects. Not thread-safe: one run, one thread.
 *
 * <p>A <em>complete</em> index holds every id the store has (a full read loads it, since it must
 * find what it did not see). A <em>partial</em> one holds only the ids looked up so far (a delta or a
 * webhook run, which touches a few records of a large roster): before asking {@link #get} about an
 * id, the run looks up the ids {@link #needsLookup} names and reports what it found with {@link
 * #load} and {@link #lookedUp}. An id only referred to is looked up for its local id alone ({@link
 * #needsReference}, {@link #loadReference}); it is looked up in full if it turns up as a record.
 */
public final class RecordIndex {

    /** One external id's state. Mutable: the run updates it as it stages changes. */
    public static sealed class Entry permits Loaded, Referenced {
        // The local id as two longs, not a UUID object: a million entries are 32 MB smaller.
        private final long localHigh;
        private final long localLow;
        private long sumHigh;
        private long sumLow;
        private boolean known;
        private boolean deleted;
        private boolean seen;
        private final @Nullable MatchedBy pendingMapping;

        private Entry(UUID localId, boolean known, @Nullable MatchedBy pendingMapping) {
            this.localHigh = localId.getMostSignificantBits();
            this.localLow = localId.getLeastSignificantBits();
            this.known = known;
            this.pendingMapping = pendingMapping;
        }

        public UUID localId() {
            return new UUID(localHigh, localLow);
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
            return known && high(checksum) == sumHigh && low(checksum) == sumLow;
        }

        /**
         * Whether the store holds the record active, with this source hash stored with its checksum.
         * Only an entry loaded from the store keeps a source hash ({@link Loaded}): one this run
         * made (a first load's million) answers no and saves the two longs.
         */
        public boolean sameSource(Checksum sourceHash) {
            return false;
        }

        public Checksum checksum() {
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(sumHigh).putLong(sumLow);
            return Checksum.fromBytes(bytes.array());
        }

        // The checksum's 32 hex digits as two longs, read straight from its text.
        private static long high(Checksum checksum) {
            return HexFormat.fromHexDigitsToLong(checksum.hex(), 0, 16);
        }

        private static long low(Checksum checksum) {
            return HexFormat.fromHexDigitsToLong(checksum.hex(), 16, 32);
        }

        void stored(Checksum checksum, boolean isDeleted, @Nullable Checksum sourceHash) {
            sumHigh = high(checksum);
            sumLow = low(checksum);
            deleted = isDeleted;
            known = true;
        }
    }

    /** An entry loaded from the store, with the source hash stored with its checksum (both 0: none). */
    private static final class Loaded extends Entry {
        private long sourceHigh;
        private long sourceLow;

        Loaded(UUID localId) {
            super(localId, true, null);
        }

        @Override
        public boolean sameSource(Checksum sourceHash) {
            return known()
                    && !deleted()
                    && (sourceHigh != 0 || sourceLow != 0)
                    && Entry.high(sourceHash) == sourceHigh
                    && Entry.low(sourceHash) == sourceLow;
        }

        @Override
        void stored(Checksum checksum, boolean isDeleted, @Nullable Checksum sourceHash) {
            super.stored(checksum, isDeleted, sourceHash);
            sourceHigh = sourceHash == null ? 0 : Entry.high(sourceHash);
            sourceLow = sourceHash == null ? 0 : Entry.low(sourceHash);
        }
    }

    /**
     * An entry looked up for its local id only, as the target of a reference: enough to resolve the
     * reference, not to classify the record, so {@link #needsLookup} still names it.
     */
    private static final class Referenced extends Entry {
        Referenced(UUID localId) {
            super(localId, true, null);
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final java.util.Set<String> absent = new java.util.HashSet<>();
    private final boolean complete;
    private long activeInRoster;

    private RecordIndex(boolean complete) {
        this.complete = complete;
    }

    /** An index the run fills with every record the store has. */
    public static RecordIndex complete() {
        return new RecordIndex(true);
    }

    /** An index the run fills with the records it looks up. */
    public static RecordIndex partial() {
        return new RecordIndex(false);
    }

    public boolean isComplete() {
        return complete;
    }

    /** Whether the store must be asked about the record before {@link #get} can answer for it in full. */
    public boolean needsLookup(String externalId) {
        Entry entry = entries.get(externalId);
        return !complete && !absent.contains(externalId) && (entry == null || entry instanceof Referenced);
    }

    /**
     * Whether the store must be asked about the id before {@link #get} can answer with its local id
     * (all that resolving a reference to it needs).
     */
    public boolean needsReference(String externalId) {
        return !complete && !entries.containsKey(externalId) && !absent.contains(externalId);
    }

    /**
     * Records that the records were looked up: those the store did not {@link #load} are not there
     * (nor is an id only {@link #loadReference referenced} before, which the look-up did not find).
     */
    public void lookedUp(java.util.Collection<String> externalIds) {
        for (String externalId : externalIds) {
            Entry entry = entries.get(externalId);
            if (entry == null || entry instanceof Referenced) {
                entries.remove(externalId);
                absent.add(externalId);
            }
        }
    }

    /** Records that the ids were looked up for their local ids: those not {@link #loadReference loaded} are not there. */
    public void lookedUpReferences(java.util.Collection<String> externalIds) {
        for (String externalId : externalIds) {
            if (!entries.containsKey(externalId)) {
                absent.add(externalId);
            }
        }
    }

    /** Adds the local id of an id the store links, looked up as a reference's target. */
    public void loadReference(String externalId, UUID localId) {
        entries.putIfAbsent(externalId, new Referenced(localId));
    }

    /** Adds what the store has; the count of records active in the roster is kept for the guard. */
    public void load(StoredRecord record) {
        Entry entry = new Loaded(record.localId());
        entry.stored(record.checksum(), record.deleted(), record.sourceHash());
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

    /** Records that a change for the external id is staged with this checksum (and source hash). */
    public void staged(
            String externalId, Entry entry, Checksum checksum, boolean deleted, @Nullable Checksum sourceHash) {
        entry.stored(checksum, deleted, sourceHash);
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

    /**
     * Records active in the roster when the index was loaded (the mass-change guard's base); of a
     * partial index, only of the records looked up.
     */
    public long activeInRoster() {
        return activeInRoster;
    }

    public int size() {
        return entries.size();
    }
}
