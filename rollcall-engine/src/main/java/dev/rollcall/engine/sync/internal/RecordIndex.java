package dev.rollcall.engine.sync.internal;

import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.engine.sync.MatchedBy;
import dev.rollcall.engine.sync.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One entity's external ids of one integration, in memory for the length of a run: local id,
 * checksum, deleted, and whether this run has seen it. Not thread-safe: one run, one thread.
 *
 * <p>A <em>complete</em> index holds every id the store has (a full read loads it, since it must
 * find what it did not see). A <em>partial</em> one holds only the ids looked up so far (a delta or a
 * webhook run, which touches a few records of a large roster): before asking {@link #get} about an
 * id, the run looks up the ids {@link #needsLookup} names and reports what it found with {@link
 * #load} and {@link #lookedUp}. An id only referred to is looked up for its local id alone ({@link
 * #needsReference}, {@link #loadReference}); it is looked up in full if it turns up as a record.
 *
 * <p>A district's index has a million entries or more, and it lives as long as the run, so it is
 * kept in a few primitive arrays instead of a map of objects: the external ids' UTF-8 bytes one
 * after the other, and per entry its hash, its local id, checksum and (for an entry loaded from the
 * store) source hash as pairs of longs, and a byte of flags; an open-addressing table of entry
 * numbers finds an id. About 80 bytes an entry (ids of 30 characters) instead of about 200 with a
 * {@code HashMap<String, Entry>}, and, what matters more to the collector, a handful of objects
 * instead of four per entry: a first load's index no longer fills the young generation with
 * millions of small objects that all survive, to be copied and then marked again and again. The
 * {@code large} full sync's collector, measured with the map: 12.6 s of pauses and 26 s of
 * concurrent marking; with the arrays: 7.8 s and 9.8 s. (With the arrays the old generation is
 * small, and G1 starts a marking cycle at nearly every humongous allocation: a page body in one
 * array made the no-change resync slower, hence {@code UpstreamBody}'s segments.) {@link Entry} is a handle on an
 * entry's number; an entry's slot is never freed (an id only referred to that a full look-up does
 * not find is marked gone, and comes back in the same slot if it is put again), so a handle stays
 * valid for the run.
 */
public final class RecordIndex {

    private static final byte KNOWN = 1;
    private static final byte DELETED = 2;
    private static final byte SEEN = 4;
    /** Loaded from the store: the only entries that keep a source hash. */
    private static final byte LOADED = 8;
    /** Looked up for its local id only, as a reference's target: {@link #needsLookup} still names it. */
    private static final byte REFERENCED = 16;
    /** Not there: an id only referred to that the full look-up did not find ({@link #lookedUp}). */
    private static final byte GONE = 32;

    private static final MatchedBy[] MATCHED_BY = MatchedBy.values();
    private static final int INITIAL_ENTRIES = 64;
    /** What an entry costs at most in the arrays, ids of 36 bytes and a source hash included ({@link #expect}). */
    private static final long BYTES_PER_ENTRY = 100;
    /** Entries (and key bytes) {@link #expect} makes room for at most: an array's largest length, about. */
    private static final int MAX_ARRAY_ENTRIES = Integer.MAX_VALUE / 4;

    /** One external id's state: a handle on its entry, which the run updates as it stages changes. */
    public static final class Entry {
        private final RecordIndex index;
        private final int at;

        private Entry(RecordIndex index, int at) {
            this.index = index;
            this.at = at;
        }

        public UUID localId() {
            return new UUID(index.ids[2 * at], index.ids[2 * at + 1]);
        }

        /** Whether the store has it (applied or staged); false for an id reserved for a deferred record. */
        public boolean known() {
            return index.has(at, KNOWN);
        }

        public boolean deleted() {
            return index.has(at, DELETED);
        }

        public boolean seen() {
            return index.has(at, SEEN);
        }

        /** For a reserved id: how it was found (created or matched by natural key). */
        public @Nullable MatchedBy pendingMapping() {
            byte pending = index.pending[at];
            return pending == 0 ? null : MATCHED_BY[pending - 1];
        }

        public boolean sameChecksum(Checksum checksum) {
            return known() && checksum.high() == index.sums[2 * at] && checksum.low() == index.sums[2 * at + 1];
        }

        /**
         * Whether the store holds the record active, with this source hash stored with its checksum.
         * Only an entry loaded from the store keeps a source hash: one this run made (a first load's
         * million) answers no.
         */
        public boolean sameSource(Checksum sourceHash) {
            long[] sources = index.sources;
            if (!index.has(at, LOADED) || !known() || deleted() || sources == null) {
                return false;
            }
            long sourceHigh = sources[2 * at];
            long sourceLow = sources[2 * at + 1];
            return (sourceHigh != 0 || sourceLow != 0)
                    && sourceHash.high() == sourceHigh
                    && sourceHash.low() == sourceLow;
        }

        public Checksum checksum() {
            return Checksum.ofLongs(index.sums[2 * at], index.sums[2 * at + 1]);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Entry entry && entry.index == index && entry.at == at;
        }

        @Override
        public int hashCode() {
            return at;
        }
    }

    private final boolean complete;
    private final Set<String> absent = new HashSet<>();
    private long activeInRoster;

    private int size;
    /** Entries marked {@link #GONE}. */
    private int gone;
    /** The external ids' UTF-8 bytes; entry {@code i}'s are {@code keys[keyStart[i], keyStart[i + 1])}. */
    private byte[] keys = new byte[INITIAL_ENTRIES * 16];

    private int[] keyStart = new int[INITIAL_ENTRIES + 1];
    private int[] hashes = new int[INITIAL_ENTRIES];
    private long[] ids = new long[2 * INITIAL_ENTRIES];
    private long[] sums = new long[2 * INITIAL_ENTRIES];
    /** Made when the first entry is loaded from the store (a first load never needs it). */
    private long @Nullable [] sources;

    private byte[] flags = new byte[INITIAL_ENTRIES];
    /** {@link MatchedBy} ordinal + 1 of a reserved id's mapping; 0: none. */
    private byte[] pending = new byte[INITIAL_ENTRIES];
    /** Open addressing, linear probing: entry number + 1, 0 for a free slot. Its length is a power of two. */
    private int[] table = new int[2 * INITIAL_ENTRIES];

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
        if (complete || absent.contains(externalId)) {
            return false;
        }
        int at = find(externalId);
        return at < 0 || has(at, REFERENCED);
    }

    /**
     * Whether the store must be asked about the id before {@link #get} can answer with its local id
     * (all that resolving a reference to it needs).
     */
    public boolean needsReference(String externalId) {
        return !complete && find(externalId) < 0 && !absent.contains(externalId);
    }

    /**
     * Records that the records were looked up: those the store did not {@link #load} are not there
     * (nor is an id only {@link #loadReference referenced} before, which the look-up did not find).
     */
    public void lookedUp(Collection<String> externalIds) {
        for (String externalId : externalIds) {
            int at = find(externalId);
            if (at < 0 || has(at, REFERENCED)) {
                if (at >= 0) {
                    flags[at] = GONE;
                    gone++;
                }
                absent.add(externalId);
            }
        }
    }

    /** Records that the ids were looked up for their local ids: those not {@link #loadReference loaded} are not there. */
    public void lookedUpReferences(Collection<String> externalIds) {
        for (String externalId : externalIds) {
            if (find(externalId) < 0) {
                absent.add(externalId);
            }
        }
    }

    /** Adds the local id of an id the store links, looked up as a reference's target. */
    public void loadReference(String externalId, UUID localId) {
        if (find(externalId) >= 0) {
            return;
        }
        int at = put(externalId, localId);
        flags[at] = KNOWN | REFERENCED;
        pending[at] = 0;
        sums[2 * at] = 0;
        sums[2 * at + 1] = 0;
    }

    /** Adds what the store has; the count of records active in the roster is kept for the guard. */
    public void load(StoredRecord record) {
        int at = put(record.externalId(), record.localId());
        flags[at] = LOADED;
        pending[at] = 0;
        if (sources == null) {
            sources = new long[ids.length];
        }
        stored(at, record.checksum(), record.deleted(), record.sourceHash());
        if (record.activeInRoster()) {
            activeInRoster++;
        }
    }

    public @Nullable Entry get(String externalId) {
        int at = find(externalId);
        return at < 0 ? null : new Entry(this, at);
    }

    /** Reserves a local id for an external id the store does not have yet; it counts as seen. */
    public Entry reserve(String externalId, UUID localId, MatchedBy how) {
        int at = put(externalId, localId);
        flags[at] = SEEN;
        pending[at] = (byte) (how.ordinal() + 1);
        sums[2 * at] = 0;
        sums[2 * at + 1] = 0;
        return new Entry(this, at);
    }

    /** Records that a change for the external id is staged with this checksum (and source hash). */
    public void staged(
            String externalId, Entry entry, Checksum checksum, boolean deleted, @Nullable Checksum sourceHash) {
        if (entry.index != this) {
            throw new IllegalArgumentException("the entry of '" + externalId + "' is another index's");
        }
        stored(entry.at, checksum, deleted, sourceHash);
    }

    public void markSeen(String externalId) {
        int at = find(externalId);
        if (at >= 0) {
            flags[at] |= SEEN;
        }
    }

    /** Each external id the store has, active, and this run did not see. */
    public void forEachUnseenActive(BiConsumer<String, Entry> action) {
        for (int at = 0; at < size; at++) {
            if ((flags[at] & (KNOWN | DELETED | SEEN)) == KNOWN) {
                action.accept(externalId(at), new Entry(this, at));
            }
        }
    }

    public void forEach(Consumer<Entry> action) {
        for (int at = 0; at < size; at++) {
            if (!has(at, GONE)) {
                action.accept(new Entry(this, at));
            }
        }
    }

    /**
     * Records active in the roster when the index was loaded (the mass-change guard's base); of a
     * partial index, only of the records looked up.
     */
    public long activeInRoster() {
        return activeInRoster;
    }

    public int size() {
        return size - gone;
    }

    /**
     * Makes room for {@code entries} entries in all, when a run knows how many it will hold (a first
     * load's total, from the upstream's first page): the arrays are then allocated once, not grown
     * some twenty times by half, each time a copy of every array that, past about 60,000 entries, G1
     * allocates as humongous objects in the old generation (each one may start a marking cycle).
     * Never more entries than fit in about a quarter of the heap, so that a total that is wrong
     * costs a larger index, not the run; nothing when the index has room already.
     */
    public void expect(long entries) {
        long affordable = Runtime.getRuntime().maxMemory() / (4 * BYTES_PER_ENTRY);
        int capacity = (int) Math.min(Math.min(entries, affordable), MAX_ARRAY_ENTRIES);
        if (capacity <= hashes.length) {
            return;
        }
        resize(capacity);
        int keyBytes = size == 0 ? 16 : Math.max(1, keyStart[size] / size);
        long wantedKeys = Math.min((long) capacity * keyBytes, MAX_ARRAY_ENTRIES);
        if (wantedKeys > keys.length) {
            keys = Arrays.copyOf(keys, (int) wantedKeys);
        }
        int tableLength = table.length;
        while ((long) capacity * 4 > (long) tableLength * 3) {
            tableLength *= 2;
        }
        if (tableLength > table.length) {
            rehash(tableLength);
        }
    }

    // --- the arrays --------------------------------------------------------------------------------

    private boolean has(int at, byte flag) {
        return (flags[at] & flag) != 0;
    }

    private void stored(int at, Checksum checksum, boolean isDeleted, @Nullable Checksum sourceHash) {
        sums[2 * at] = checksum.high();
        sums[2 * at + 1] = checksum.low();
        flags[at] = (byte) ((flags[at] & ~DELETED) | KNOWN | (isDeleted ? DELETED : 0));
        if (has(at, LOADED) && sources != null) {
            sources[2 * at] = sourceHash == null ? 0 : sourceHash.high();
            sources[2 * at + 1] = sourceHash == null ? 0 : sourceHash.low();
        }
    }

    private String externalId(int at) {
        return new String(keys, keyStart[at], keyStart[at + 1] - keyStart[at], StandardCharsets.UTF_8);
    }

    /** The entry number of the external id, or -1 (also when its entry is gone). */
    private int find(String externalId) {
        int at = slotOf(externalId);
        return at >= 0 && has(at, GONE) ? -1 : at;
    }

    /** The entry number of the external id, gone or not, or -1. */
    private int slotOf(String externalId) {
        int hash = externalId.hashCode();
        int mask = table.length - 1;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            int at = table[slot] - 1;
            if (at < 0) {
                return -1;
            }
            if (hashes[at] == hash && sameKey(at, externalId)) {
                return at;
            }
        }
    }

    /** The entry of the external id, made when missing, with this local id and nothing else set. */
    private int put(String externalId, UUID localId) {
        int at = slotOf(externalId);
        if (at < 0) {
            at = append(externalId);
        } else if (has(at, GONE)) {
            flags[at] = 0; // back from gone: the caller sets what it is now
            gone--;
        }
        ids[2 * at] = localId.getMostSignificantBits();
        ids[2 * at + 1] = localId.getLeastSignificantBits();
        return at;
    }

    private int append(String externalId) {
        if (size == hashes.length) {
            grow();
        }
        byte[] key = externalId.getBytes(StandardCharsets.UTF_8);
        int start = keyStart[size];
        if (start + key.length > keys.length) {
            keys = Arrays.copyOf(keys, Math.max(start + key.length, keys.length + (keys.length >> 1)));
        }
        System.arraycopy(key, 0, keys, start, key.length);
        int at = size++;
        keyStart[size] = start + key.length;
        hashes[at] = externalId.hashCode();
        flags[at] = 0;
        pending[at] = 0;
        if ((long) size * 4 > (long) table.length * 3) {
            rehash(table.length * 2);
        } else {
            insert(at);
        }
        return at;
    }

    private void grow() {
        resize(hashes.length + (hashes.length >> 1));
    }

    private void resize(int capacity) {
        keyStart = Arrays.copyOf(keyStart, capacity + 1);
        hashes = Arrays.copyOf(hashes, capacity);
        ids = Arrays.copyOf(ids, 2 * capacity);
        sums = Arrays.copyOf(sums, 2 * capacity);
        if (sources != null) {
            sources = Arrays.copyOf(sources, 2 * capacity);
        }
        flags = Arrays.copyOf(flags, capacity);
        pending = Arrays.copyOf(pending, capacity);
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        for (int at = 0; at < size; at++) {
            insert(at);
        }
    }

    private void insert(int at) {
        int mask = table.length - 1;
        int slot = spread(hashes[at]) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = at + 1;
    }

    /** Whether entry {@code at}'s key is the external id: char by char for ASCII, else as UTF-8. */
    private boolean sameKey(int at, String externalId) {
        int start = keyStart[at];
        int length = keyStart[at + 1] - start;
        if (length == externalId.length()) {
            int i = 0;
            while (i < length) {
                char c = externalId.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                if (keys[start + i] != (byte) c) {
                    return false;
                }
                i++;
            }
            if (i == length) {
                return true;
            }
        }
        byte[] key = externalId.getBytes(StandardCharsets.UTF_8);
        return Arrays.equals(keys, start, start + length, key, 0, key.length);
    }

    /** String hashes of similar ids differ in their low bits only a little: mix them over the table. */
    private static int spread(int hash) {
        int mixed = hash * 0x9E3779B9;
        return mixed ^ (mixed >>> 16);
    }
}
