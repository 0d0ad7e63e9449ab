package dev.rollcall.engine.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.engine.sync.DeferredRecord;
import dev.rollcall.engine.sync.NaturalKey;
import dev.rollcall.engine.sync.PageCommit;
import dev.rollcall.engine.sync.RunCompletion;
import dev.rollcall.engine.sync.RunContext;
import dev.rollcall.engine.sync.StoredRecord;
import dev.rollcall.engine.sync.StreamPosition;
import dev.rollcall.engine.sync.SyncMode;
import dev.rollcall.engine.sync.SyncStats;
import dev.rollcall.engine.sync.SyncStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipelinedStoreTest {

    private static final RunContext RUN =
            new RunContext(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), SyncMode.FULL, List.of(), false);

    private static PageCommit page(String stage) {
        return new PageCommit(
                RUN,
                "users",
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null,
                false,
                null,
                SyncStats.EMPTY,
                false,
                stage);
    }

    @Test
    void aCommitStartsBeforeThePreviousEndsButCommitsOnlyAfterIt() throws Exception {
        RecordingStore store = new RecordingStore();
        store.hold("p1");
        try (PipelinedStore pipelined = new PipelinedStore(store, "test")) {
            pipelined.commitPage(page("p1"));
            pipelined.commitPage(page("p2"));
            assertThat(store.started.await(5, TimeUnit.SECONDS))
                    .as("p2 began its own writes while p1 was held")
                    .isTrue();
            assertThat(store.events).doesNotContain("committed p1", "committed p2");

            store.release();
            pipelined.stats(RUN); // waits for every commit in flight

            assertThat(store.events).containsSubsequence("begun p1", "committed p1", "committed p2");
            assertThat(store.events).containsSubsequence("begun p2", "committed p1");
        }
    }

    @Test
    void aPageAfterAFailedOneIsNeverCommittedAndTheFirstFailureSurfaces() throws Exception {
        RecordingStore store = new RecordingStore();
        store.failing = "p1";
        PipelinedStore pipelined = new PipelinedStore(store, "test");
        pipelined.commitPage(page("p1"));
        pipelined.commitPage(page("p2"));

        assertThatThrownBy(() -> pipelined.commitPage(page("p3")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("p1 failed");
        assertThat(store.events).doesNotContain("committed p2", "begun p3");
        pipelined.close(true);
    }

    @Test
    void atMostTwoCommitsAreInFlight() throws Exception {
        RecordingStore store = new RecordingStore();
        store.hold("p1");
        try (PipelinedStore pipelined = new PipelinedStore(store, "test")) {
            pipelined.commitPage(page("p1"));
            pipelined.commitPage(page("p2"));
            Thread third = Thread.ofPlatform().start(() -> pipelined.commitPage(page("p3")));
            third.join(300);
            assertThat(third.isAlive()).as("p3 waits for p1").isTrue();
            assertThat(store.events).doesNotContain("begun p3");

            store.release();
            third.join();
            pipelined.stats(RUN);
            assertThat(store.events.stream().filter(e -> e.startsWith("committed")))
                    .containsExactly("committed p1", "committed p2", "committed p3");
        }
    }

    @Test
    void aLookUpDoesNotWaitForTheCommitsInFlightButEveryOtherReadDoes() throws Exception {
        RecordingStore store = new RecordingStore();
        store.hold("p1");
        try (PipelinedStore pipelined = new PipelinedStore(store, "test")) {
            try {
                pipelined.commitPage(page("p1"));

                pipelined.lookup(RUN, EntityType.USER, List.of("u1"), record -> {});
                assertThat(store.events).contains("looked up u1").doesNotContain("committed p1");

                Thread read = Thread.ofPlatform().start(() -> pipelined.stats(RUN));
                read.join(300);
                assertThat(read.isAlive()).as("stats waits for p1").isTrue();
                store.release();
                read.join();
                assertThat(store.events).containsSubsequence("looked up u1", "committed p1");
            } finally {
                store.release(); // never leave the commit held: closing waits for it
            }
        }
    }

    /** Records each commit's steps; can hold one commit after its own writes, or fail one. */
    private static final class RecordingStore implements SyncStore {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile String held = "";
        volatile String failing = "";

        void hold(String stage) {
            held = stage;
        }

        void release() {
            released.countDown();
        }

        @Override
        public Runnable prepareCommit(PageCommit commit, Runnable afterPredecessor) {
            String stage = commit.stage();
            return () -> {
                events.add("begun " + stage);
                if (stage.equals("p2")) {
                    started.countDown();
                }
                if (stage.equals(held)) {
                    try {
                        released.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                if (stage.equals(failing)) {
                    throw new IllegalStateException(stage + " failed");
                }
                afterPredecessor.run();
                events.add("committed " + stage);
            };
        }

        @Override
        public void commitPage(PageCommit commit) {
            prepareCommit(commit, () -> {}).run();
        }

        @Override
        public void loadIndex(RunContext run, EntityType type, Consumer<StoredRecord> sink) {}

        @Override
        public void lookup(
                RunContext run, EntityType type, Collection<String> externalIds, Consumer<StoredRecord> sink) {
            events.add("looked up " + String.join(",", externalIds));
        }

        @Override
        public long activeRecords(RunContext run, EntityType type, long atMost) {
            return 0;
        }

        @Override
        public boolean firstLoad(RunContext run) {
            return false;
        }

        @Override
        public Map<String, UUID> matchNaturalKeys(
                RunContext run, EntityType type, NaturalKey key, Collection<String> values) {
            return Map.of();
        }

        @Override
        public StreamPosition position(RunContext run, String stream) {
            return StreamPosition.START;
        }

        @Override
        public void seen(RunContext run, String stream, Consumer<String> sink) {}

        @Override
        public List<DeferredRecord> deferred(RunContext run) {
            return List.of();
        }

        @Override
        public SyncStats stats(RunContext run) {
            return SyncStats.EMPTY;
        }

        @Override
        public Optional<Instant> watermark(RunContext run, String stream) {
            return Optional.empty();
        }

        @Override
        public void started(RunContext run, String stage) {}

        @Override
        public void complete(RunCompletion completion) {}
    }
}
