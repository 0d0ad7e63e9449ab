package dev.rollcall.simulator;

import dev.rollcall.simulator.data.RosterGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's roster: generated records (a pure function of seed, scale and index) with the
 * changes made since start kept as an overlay, so memory stays bounded at any scale. Records are
 * ordered by sourcedId, which the generator makes equal to index order; added records get the
 * next indexes. Records written with a sourcedId outside that pattern (a client's own ids) are kept
 * apart, sorted, and merged into every read in sourcedId order.
 *
 * <p>Every change is reported to the {@link #onChange listeners} on the thread that made it, one
 * {@link Change} per record, in the order the changes were made.
 *
 * <p>Thread-safe: reads are lock-free; changes are serialised.
 */
public final class SimulatedRoster {

    /**
     * One change, as webhooks report it.
     *
     * @param kind {@code created}, {@code updated} or {@code deleted} (a soft delete to {@code
     *     tobedeleted}, or a hard removal: then {@code record} is the record as it was last)
     */
    public record Change(String collection, String sourcedId, String kind, Instant at, ObjectNode record) {}

    /**
     * The outcome of a {@link #put write}.
     *
     * @param created true when no record had the sourcedId before (or it had been hard-removed)
     * @param record the record as stored, with its sourcedId and new dateLastModified
     */
    public record Written(String sourcedId, boolean created, ObjectNode record) {}

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final RosterGenerator generator;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private long revision;

    private static final class State {
        final int baseCount;
        volatile int added;
        final Map<String, ObjectNode> overlay = new ConcurrentHashMap<>();
        final Set<String> removed = ConcurrentHashMap.newKeySet();
        /** Records whose sourcedIds are not in the index pattern, in sourcedId order. */
        final NavigableMap<String, ObjectNode> foreign = new ConcurrentSkipListMap<>();

        State(int baseCount) {
            this.baseCount = baseCount;
        }

        int span() {
            return baseCount + added;
        }
    }

    public SimulatedRoster(RosterGenerator generator, Clock clock) {
        this.generator = generator;
        this.clock = clock;
        for (String collection : RosterGenerator.COLLECTIONS) {
            states.put(collection, new State(generator.count(collection)));
        }
    }

    public RosterGenerator generator() {
        return generator;
    }

    public void onChange(Consumer<Change> listener) {
        listeners.add(listener);
    }

    private State state(String collection) {
        State state = states.get(collection);
        if (state == null) {
            throw new IllegalArgumentException("unknown collection '" + collection + "'");
        }
        return state;
    }

    /** The number of records the collection has now. */
    public int size(String collection) {
        State state = state(collection);
        return state.span() - state.removed.size() + state.foreign.size();
    }

    /** Whether records can be addressed by position (nothing was hard-removed, no foreign ids were written). */
    public boolean positional(String collection) {
        State state = state(collection);
        return state.removed.isEmpty() && state.foreign.isEmpty();
    }

    /** The record at a position in sourcedId order; only when {@link #positional}. */
    public ObjectNode at(String collection, int position) {
        State state = state(collection);
        return record(collection, state, position);
    }

    private ObjectNode record(String collection, State state, int index) {
        String id = idFor(collection, index);
        ObjectNode changed = state.overlay.get(id);
        return changed != null ? changed : generator.record(collection, index);
    }

    /**
     * The sourcedId at an index: the generator's for generated records, the same pattern continued
     * (same prefix and width, so sourcedId order stays index order) for added ones.
     */
    private String idFor(String collection, int index) {
        State state = state(collection);
        if (index < state.baseCount) {
            return generator.sourcedId(collection, index);
        }
        String last = generator.sourcedId(collection, state.baseCount - 1);
        int digits = last.length();
        while (digits > 0 && Character.isDigit(last.charAt(digits - 1))) {
            digits--;
        }
        String prefix = last.substring(0, digits);
        long number = Long.parseLong(last.substring(digits)) + (index - state.baseCount + 1);
        String formatted = Long.toString(number);
        int width = last.length() - digits;
        return prefix + "0".repeat(Math.max(0, width - formatted.length())) + formatted;
    }

    public Optional<ObjectNode> get(String collection, String sourcedId) {
        State state = state(collection);
        if (state.removed.contains(sourcedId)) {
            return Optional.empty();
        }
        ObjectNode changed = state.overlay.get(sourcedId);
        if (changed != null) {
            return Optional.of(changed);
        }
        ObjectNode written = state.foreign.get(sourcedId);
        if (written != null) {
            return Optional.of(written);
        }
        OptionalInt index = generator.indexOf(collection, sourcedId);
        if (index.isEmpty() || index.getAsInt() >= state.baseCount) {
            return Optional.empty();
        }
        return Optional.of(generator.record(collection, index.getAsInt()));
    }

    /** Every record in sourcedId order. */
    public void forEach(String collection, Consumer<ObjectNode> action) {
        State state = state(collection);
        int span = state.span();
        boolean anyRemoved = !state.removed.isEmpty();
        Iterator<Map.Entry<String, ObjectNode>> extra = state.foreign.entrySet().iterator();
        Map.Entry<String, ObjectNode> next = extra.hasNext() ? extra.next() : null;
        for (int index = 0; index < span; index++) {
            if (anyRemoved || next != null) {
                String id = idFor(collection, index);
                while (next != null && next.getKey().compareTo(id) < 0) {
                    action.accept(next.getValue());
                    next = extra.hasNext() ? extra.next() : null;
                }
                if (anyRemoved && state.removed.contains(id)) {
                    continue;
                }
            }
            action.accept(record(collection, state, index));
        }
        while (next != null) {
            action.accept(next.getValue());
            next = extra.hasNext() ? extra.next() : null;
        }
    }

    /** Only the records changed or added since start (what a delta newer than the base time can hold). */
    public List<ObjectNode> changedRecords(String collection) {
        State state = state(collection);
        // Sorted by the maps' keys (the sourcedIds), not by reading each record's field per comparison.
        List<Map.Entry<String, ObjectNode>> changed = new ArrayList<>(state.overlay.entrySet());
        changed.addAll(state.foreign.entrySet());
        changed.sort(Map.Entry.comparingByKey());
        List<ObjectNode> records = new ArrayList<>(changed.size());
        changed.forEach(entry -> records.add(entry.getValue()));
        return records;
    }

    /** Changes {@code count} records: a new revision in metadata, a new dateLastModified. */
    public synchronized List<String> update(String collection, int count) {
        return change(collection, count, "updated", record -> record.putObject("metadata")
                .put("simulatorRevision", ++revision));
    }

    /** Marks {@code count} records {@code tobedeleted}, as OneRoster soft deletes do. */
    public synchronized List<String> softDelete(String collection, int count) {
        return change(collection, count, "deleted", record -> record.put("status", "tobedeleted"));
    }

    /** Removes {@code count} records outright: only a full read notices. */
    public synchronized List<String> remove(String collection, int count) {
        State state = state(collection);
        List<String> removed = new ArrayList<>();
        for (int index = 0; index < state.span() && removed.size() < count; index++) {
            String id = idFor(collection, index);
            if (!state.removed.contains(id)) {
                ObjectNode last = record(collection, state, index);
                state.removed.add(id);
                state.overlay.remove(id);
                removed.add(id);
                publish(new Change(collection, id, "deleted", clock.instant(), last));
            }
        }
        return removed;
    }

    /** Adds {@code count} new records, each a copy of an existing one under a new sourcedId. */
    public synchronized List<String> add(String collection, int count) {
        State state = state(collection);
        List<String> added = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < count; i++) {
            claimForeignAtNextIndex(collection, state);
            int index = state.span();
            String id = idFor(collection, index);
            ObjectNode record = generator.record(collection, index % state.baseCount);
            record.put("sourcedId", id);
            record.put("dateLastModified", TIMESTAMP.format(now));
            String suffix = "-n" + index;
            for (String unique : List.of("email", "username", "identifier", "userMasterIdentifier")) {
                if (record.hasNonNull(unique)) {
                    String value = record.get(unique).asString();
                    int at = value.indexOf('@');
                    record.put(unique, at > 0 ? value.substring(0, at) + suffix + value.substring(at) : value + suffix);
                }
            }
            state.overlay.put(id, record);
            state.added++;
            added.add(id);
            publish(new Change(collection, id, "created", now, record));
        }
        return added;
    }

    /**
     * Creates or replaces one record, as a client's write does: {@code dateLastModified} becomes now
     * and, when the record has no {@code sourcedId}, the next one in the collection's pattern is
     * allocated. Reports {@code created} or {@code updated}. The record is stored as given (the
     * caller validates it) and must not be changed afterwards.
     */
    public synchronized Written put(String collection, ObjectNode record) {
        State state = state(collection);
        Instant now = clock.instant();
        String id = record.path("sourcedId").asString("");
        boolean created;
        boolean indexed;
        if (id.isEmpty()) {
            claimForeignAtNextIndex(collection, state);
            id = idFor(collection, state.span());
            record.put("sourcedId", id);
            state.added++;
            created = true;
            indexed = true;
        } else if (state.foreign.containsKey(id)) {
            created = false;
            indexed = false;
        } else if (inIndexSpace(collection, state, id)) {
            created = state.removed.remove(id);
            indexed = true;
        } else {
            created = true;
            indexed = false;
        }
        record.put("dateLastModified", TIMESTAMP.format(now));
        if (indexed) {
            state.overlay.put(id, record);
        } else {
            state.foreign.put(id, record);
        }
        publish(new Change(collection, id, created ? "created" : "updated", now, record));
        return new Written(id, created, record);
    }

    /**
     * {@link #put} when no record has the record's sourcedId (or it has none); empty, and nothing
     * changed, when one has.
     */
    public synchronized Optional<Written> putNew(String collection, ObjectNode record) {
        String id = record.path("sourcedId").asString("");
        if (!id.isEmpty() && get(collection, id).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(put(collection, record));
    }

    /**
     * Marks one record {@code tobedeleted} with a new {@code dateLastModified} (a soft delete, as
     * TimeBack's DELETE does) and reports {@code deleted}; empty when there is no such record.
     */
    public synchronized Optional<ObjectNode> softDelete(String collection, String sourcedId) {
        return get(collection, sourcedId).map(current -> {
            ObjectNode record = current.deepCopy();
            record.put("status", "tobedeleted");
            Instant now = clock.instant();
            record.put("dateLastModified", TIMESTAMP.format(now));
            State state = state(collection);
            if (state.foreign.containsKey(sourcedId)) {
                state.foreign.put(sourcedId, record);
            } else {
                state.overlay.put(sourcedId, record);
            }
            publish(new Change(collection, sourcedId, "deleted", now, record));
            return record;
        });
    }

    private boolean isGenerated(String collection, State state, String id) {
        OptionalInt index = generator.indexOf(collection, id);
        return index.isPresent() && index.getAsInt() < state.baseCount;
    }

    /** Whether the id is one the index pattern gives to a record that exists or existed. */
    private boolean inIndexSpace(String collection, State state, String id) {
        return isGenerated(collection, state, id) || state.overlay.containsKey(id) || state.removed.contains(id);
    }

    /**
     * A client may have written a record under the id the next index would get: that record takes
     * the index (it sorts there anyway), so allocation never hands out a taken id.
     */
    private void claimForeignAtNextIndex(String collection, State state) {
        while (true) {
            String next = idFor(collection, state.span());
            ObjectNode written = state.foreign.remove(next);
            if (written == null) {
                return;
            }
            state.overlay.put(next, written);
            state.added++;
        }
    }

    private List<String> change(String collection, int count, String kind, Consumer<ObjectNode> edit) {
        State state = state(collection);
        List<String> changed = new ArrayList<>();
        Instant now = clock.instant();
        int span = state.span();
        if (span == 0 || count <= 0) {
            return changed;
        }
        // Spread the changes over the collection, deterministically.
        int stride = Math.max(1, span / Math.min(count, span));
        for (int index = 0; index < span && changed.size() < count; index += stride) {
            String id = idFor(collection, index);
            if (state.removed.contains(id)) {
                continue;
            }
            ObjectNode record = record(collection, state, index).deepCopy();
            edit.accept(record);
            record.put("dateLastModified", TIMESTAMP.format(now));
            state.overlay.put(id, record);
            changed.add(id);
            publish(new Change(collection, id, kind, now, record));
        }
        return changed;
    }

    private void publish(Change change) {
        listeners.forEach(listener -> listener.accept(change));
    }
}
