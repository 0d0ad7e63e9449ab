package dev.rollcall.bench.sync;

import dev.rollcall.bench.Benchmark;
import dev.rollcall.bench.Figure;
import dev.rollcall.bench.Flags;
import dev.rollcall.bench.Flags.Flag;
import dev.rollcall.bench.Report;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.engine.sync.EntityStats;
import dev.rollcall.engine.sync.RunState;
import dev.rollcall.engine.sync.SyncMode;
import dev.rollcall.engine.sync.SyncStats;
import dev.rollcall.simulator.SimulatedRoster;
import dev.rollcall.simulator.data.Scale;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code sync}: the engine, the PostgreSQL store and the OneRoster connector ({@code timeback}
 * profile, through the real gateway) sync the in-process simulator's roster (the {@code large} scale
 * by default: 100,000 users, 5,000 classes, 1,000,000 enrollments) into an embedded PostgreSQL, with
 * no Spring. It measures, in one process and one database:
 *
 * <ol>
 *   <li>the full sync, beside a raw COPY of the same roster rows into tables of the same shape (the
 *       baseline: the database's ingest limit), and the used heap's peak during the sync;
 *   <li>a no-change resync (a second full run): its time and the roster rows it wrote, which must be 0;
 *   <li>a delta after the simulator changed 1% of every collection;
 *   <li>the mapping ledger's cached single-record look-up ({@link CachedLookups}), p50 and p99.
 * </ol>
 *
 * Each scenario starts from the state the one before left, so each runs once, without warm-up.
 * Every figure is verified first: the counts the engine reports and the rows in the database must
 * be exactly the simulator's, or the benchmark fails.
 */
public final class SyncBenchmark implements Benchmark {

    static final double FULL_TARGET_SECONDS = 60;
    static final double FULL_TARGET_RATIO = 3;
    static final double RESYNC_TARGET_SECONDS = 15;
    static final double DELTA_TARGET_SECONDS = 3;
    static final double LOOKUP_TARGET_MILLIS = 1;
    static final int LOOKUP_KEYS = 20_000;
    static final int LOOKUPS = 1_000_000;

    static final Flag<Scale> SCALE = new Flag<>("scale", "large", "small | school | district | large", Scale::parse);
    static final Flag<Integer> PAGE_SIZE =
            new Flag<>("page-size", "3000", "records per page (the TimeBack maximum is 3000)", Flags::positiveInt);
    static final Flag<Long> SEED = new Flag<>("seed", "42", "the simulator's data seed", text -> {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, but was '" + text + "'");
        }
    });
    static final Flag<Path> WORK =
            new Flag<>("work", "target/bench-sync", "where the embedded PostgreSQL's data directory goes", Path::of);

    /** What one invocation measured, for tests. */
    record Result(
            long records,
            SyncRig.Run full,
            long copiedRows,
            long copyNanos,
            SyncRig.Run resync,
            long resyncRowsWritten,
            SyncRig.Run delta,
            long deltaChanges,
            CachedLookups.Result lookups) {}

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public String summary() {
        return "full sync, no-change resync and 1% delta from the simulator into PostgreSQL, beside a raw COPY";
    }

    @Override
    public List<Flag<?>> flags() {
        return List.of(SCALE, PAGE_SIZE, SEED, WORK);
    }

    @Override
    public void run(Flags flags, Report report) throws Exception {
        measure(flags.get(SCALE), flags.get(SEED), flags.get(PAGE_SIZE), flags.get(WORK), report);
    }

    Result measure(Scale scale, long seed, int pageSize, Path work, Report report) throws Exception {
        report.title("sync: the simulator's " + scale.name().toLowerCase(Locale.ROOT)
                + " roster into PostgreSQL (engine + store + OneRoster connector, no Spring)");
        report.note(String.format(
                Locale.ROOT,
                "JVM %s, %d cores, max heap %d MiB; TimeBack dialect over loopback, pages of %d; one run per scenario",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                pageSize));
        try (SyncRig rig = SyncRig.start(work, scale, seed, pageSize)) {
            report.note("PostgreSQL data in " + rig.work() + " (deleted at the end)");
            SimulatedRoster roster = rig.simulator.roster();
            // One record of each collection changed before the first read, so that every stream's
            // watermark is past the simulator's base time (which every generated record carries, as
            // no real roster does); otherwise the first delta would re-read everything at that time.
            for (EntityType type : EntityType.values()) {
                roster.update(type.collection(), 1);
            }
            long records = 0;
            for (EntityType type : EntityType.values()) {
                records += roster.size(type.collection());
            }

            SyncRig.Run full = rig.sync(SyncMode.FULL);
            check(full, "full sync");
            expect("records created by the full sync", full.outcome().stats().total(EntityStats::created), records);
            expect("roster rows after the full sync", rig.rosterRows(), records);
            long[] copy = rig.rawCopyOfTheRoster();
            expect("rows of the raw COPY", copy[0], records);
            double copySeconds = copy[1] / 1e9;
            report.note("");
            report.note(String.format(
                    Locale.ROOT,
                    "full sync: %,d records in %.1f s (%,.0f records/s); raw COPY of the %,d roster rows: %.1f s",
                    records,
                    full.seconds(),
                    records / full.seconds(),
                    copy[0],
                    copySeconds));
            report.figure(Figure.of("full sync", full.seconds(), "s")
                    .against(new Figure.Baseline("of raw COPY of the same rows, s", copySeconds))
                    .withTarget(Figure.Target.atMost(FULL_TARGET_SECONDS)));
            report.figure(Figure.of("full sync ÷ raw COPY", full.seconds() / copySeconds, "×")
                    .withTarget(Figure.Target.atMost(FULL_TARGET_RATIO)));
            report.figure(Figure.of("full sync: peak heap used", full.peakHeapBytes() / 1048576.0, "MiB")
                    .withTarget(Figure.Target.atMost(Runtime.getRuntime().maxMemory() / 1048576.0)));

            long before = rig.currentTransaction();
            SyncRig.Run resync = rig.sync(SyncMode.FULL);
            check(resync, "no-change resync");
            SyncStats stats = resync.outcome().stats();
            expect("records changed by the no-change resync", stats.total(EntityStats::changedOrDeleted), 0);
            expect("records created by the no-change resync", stats.total(EntityStats::created), 0);
            long written = rig.rosterRowsWrittenSince(before) + rig.journalEntries(resync.sessionId());
            report.note("");
            report.note(String.format(
                    Locale.ROOT,
                    "no-change resync: %,d records read, %,d unchanged, in %.1f s",
                    stats.total(EntityStats::read),
                    stats.total(EntityStats::unchanged),
                    resync.seconds()));
            report.figure(Figure.of("no-change resync", resync.seconds(), "s")
                    .withTarget(Figure.Target.atMost(RESYNC_TARGET_SECONDS)));
            report.figure(
                    Figure.of("no-change resync: rows written", written, "rows").withTarget(Figure.Target.atMost(0)));

            Map<EntityType, int[]> expected = changeOnePercent(roster);
            SyncRig.Run delta = rig.sync(SyncMode.DELTA);
            check(delta, "1% delta");
            long changes = 0;
            for (EntityType type : EntityType.values()) {
                EntityStats counts = delta.outcome().stats().of(type);
                int[] want = expected.get(type);
                expect(type.collection() + " created by the delta", counts.created(), want[0]);
                expect(type.collection() + " updated by the delta", counts.updated(), want[1]);
                expect(type.collection() + " deleted by the delta", counts.deleted(), want[2]);
                changes += want[0] + want[1] + want[2];
            }
            expect("journal entries of the delta", rig.journalEntries(delta.sessionId()), changes);
            report.note("");
            report.note(String.format(
                    Locale.ROOT,
                    "1%% delta: %,d changes (created, updated, soft-deleted) applied; %,d records read, in %.2f s",
                    changes,
                    delta.outcome().stats().total(EntityStats::read),
                    delta.seconds()));
            report.figure(Figure.of("1% delta sync", delta.seconds(), "s")
                    .withTarget(Figure.Target.atMost(DELTA_TARGET_SECONDS)));

            CachedLookups.Result lookups = rig.cachedLookups(LOOKUP_KEYS, LOOKUPS, seed);
            report.note("");
            report.note(String.format(
                    Locale.ROOT,
                    "mapping look-ups (MappingLookup, Caffeine): %,d keys (users and enrollments) looked up once"
                            + " into an empty cache: p50 %.3f ms, p99 %.3f ms (a query each); then %,d cached"
                            + " look-ups: p50 %.4f ms, p99 %.4f ms, p99.9 %.4f ms, max %.3f ms; hit rate %.3f",
                    lookups.misses().length,
                    CachedLookups.Result.percentileMillis(lookups.misses(), 50),
                    CachedLookups.Result.percentileMillis(lookups.misses(), 99),
                    lookups.hits().length,
                    CachedLookups.Result.percentileMillis(lookups.hits(), 50),
                    CachedLookups.Result.percentileMillis(lookups.hits(), 99),
                    CachedLookups.Result.percentileMillis(lookups.hits(), 99.9),
                    CachedLookups.Result.percentileMillis(lookups.hits(), 100),
                    lookups.hitRate()));
            report.figure(Figure.of(
                    "mapping look-up, cached: p50", CachedLookups.Result.percentileMillis(lookups.hits(), 50), "ms"));
            report.figure(Figure.of(
                            "mapping look-up, cached: p99",
                            CachedLookups.Result.percentileMillis(lookups.hits(), 99),
                            "ms")
                    .withTarget(Figure.Target.atMost(LOOKUP_TARGET_MILLIS)));
            return new Result(records, full, copy[0], copy[1], resync, written, delta, changes, lookups);
        }
    }

    /**
     * Changes 1% of each collection: 0.8% updated, 0.1% soft-deleted and 0.1% added (at least one
     * each); demographics are only updated (each belongs to its user). Returns per entity the
     * created, updated and deleted counts a delta must apply; a record both updated and soft-deleted
     * (the simulator's picks can overlap) is a delete.
     */
    static Map<EntityType, int[]> changeOnePercent(SimulatedRoster roster) {
        Map<EntityType, int[]> expected = new EnumMap<>(EntityType.class);
        for (EntityType type : EntityType.values()) {
            String collection = type.collection();
            int size = roster.size(collection);
            int tenth = Math.max(1, size / 1_000);
            int updates = Math.max(1, size / 100 - 2 * tenth);
            if (type == EntityType.DEMOGRAPHICS) {
                expected.put(type, new int[] {
                    0, roster.update(collection, updates + 2 * tenth).size(), 0
                });
                continue;
            }
            Set<String> updated = new HashSet<>(roster.update(collection, updates));
            Set<String> deleted = new HashSet<>(roster.softDelete(collection, tenth));
            updated.removeAll(deleted);
            int added = roster.add(collection, tenth).size();
            expected.put(type, new int[] {added, updated.size(), deleted.size()});
        }
        return expected;
    }

    private static void check(SyncRig.Run run, String what) {
        if (run.outcome().state() != RunState.SUCCEEDED) {
            throw new IllegalStateException(what + " ended "
                    + run.outcome().state().wireName() + ": " + run.outcome().error());
        }
    }

    private static void expect(String what, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException(what + ": expected " + expected + ", but was " + actual);
        }
    }
}
