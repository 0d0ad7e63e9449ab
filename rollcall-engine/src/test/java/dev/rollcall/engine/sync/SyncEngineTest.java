package dev.rollcall.engine.sync;

import static dev.rollcall.engine.sync.Records.T0;
import static dev.rollcall.engine.sync.Records.course;
import static dev.rollcall.engine.sync.Records.deletedUser;
import static dev.rollcall.engine.sync.Records.district;
import static dev.rollcall.engine.sync.Records.enrollment;
import static dev.rollcall.engine.sync.Records.rosterClass;
import static dev.rollcall.engine.sync.Records.school;
import static dev.rollcall.engine.sync.Records.term;
import static dev.rollcall.engine.sync.Records.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.ReadMode;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.RecordError;
import dev.rollcall.connector.api.error.AuthenticationException;
import dev.rollcall.connector.api.error.RateLimitedException;
import dev.rollcall.connector.api.error.RetriableException;
import dev.rollcall.connector.api.model.EntityType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SyncEngineTest {

    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID INTEGRATION = UUID.randomUUID();

    private final InMemorySyncStore store = new InMemorySyncStore();
    private final List<Duration> sleeps = new ArrayList<>();
    private final SyncEngine engine = new SyncEngine(store, sleeps::add);
    /** Small pages, so that every stream has page boundaries; the guard only for large changes. */
    private final SyncSettings settings = SyncSettings.builder()
            .pageSize(2)
            .massChangeShare(0.5)
            .massChangeMinimum(100)
            .build();

    private final SyncSettings guarded =
            settings.toBuilder().massChangeMinimum(2).build();

    /** A district with two schools, a term, a course, two classes, three users, four enrollments: 14 records. */
    private static FakeConnector sampleDistrict() {
        return new FakeConnector()
                .put(district("d1", T0), school("s1", "d1", T0), school("s2", "d1", T0))
                .put(term("t1", T0))
                .put(course("c1", "d1", T0))
                .put(rosterClass("k1", "c1", "s1", "t1", T0), rosterClass("k2", "c1", "s2", "t1", T0))
                .put(user("u1", "s1", "u1@example.org", T0), user("u2", "s1", "u2@example.org", T0))
                .put(user("u3", "s2", "u3@example.org", T0))
                .put(enrollment("e1", "u1", "k1", "s1", T0), enrollment("e2", "u2", "k1", "s1", T0))
                .put(enrollment("e3", "u3", "k2", "s2", T0), enrollment("e4", "u1", "k2", "s2", T0));
    }

    private RunContext newRun(SyncMode mode, List<String> streams, boolean dryRun) {
        return new RunContext(TENANT, INTEGRATION, UUID.randomUUID(), mode, streams, dryRun);
    }

    /** The settings with a first load staged to the end of the run like any other, not applied per page. */
    private final SyncSettings staging =
            settings.toBuilder().firstLoadPerPage(false).build();

    private RunOutcome run(FakeConnector connector, RunContext run) throws InterruptedException {
        return run(connector, run, settings);
    }

    private RunOutcome run(FakeConnector connector, RunContext run, SyncSettings with) throws InterruptedException {
        return engine.run(run, connector, FakeConnector.descriptor(), with, () -> false);
    }

    private RunOutcome full(FakeConnector connector) throws InterruptedException {
        return run(connector, newRun(SyncMode.FULL, List.of(), false));
    }

    @Test
    void aFirstFullRunCreatesEveryRecordWithLocalIdsAndResolvedReferences() throws Exception {
        FakeConnector upstream = sampleDistrict();

        RunOutcome outcome = full(upstream);

        assertThat(outcome.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(outcome.stats().of(EntityType.ORG)).isEqualTo(new EntityStats(3, 3, 0, 0, 0, 0));
        assertThat(outcome.stats().of(EntityType.ENROLLMENT)).isEqualTo(new EntityStats(4, 4, 0, 0, 0, 0));
        assertThat(store.snapshot(INTEGRATION)).hasSize(14);
        assertThat(store.journal).hasSize(14).allMatch(entry -> entry.operation() == Operation.CREATED);
        assertThat(store.mappings).allMatch(mapping -> mapping.matchedBy().equals("created"));

        // The stored record speaks in local ids: its own sourcedId and every reference.
        UUID enrollmentId = store.localId(INTEGRATION, EntityType.ENROLLMENT, "e1");
        JsonNode e1 = store.row(INTEGRATION, EntityType.ENROLLMENT, "e1").record();
        assertThat(e1.path("sourcedId").asString()).isEqualTo(enrollmentId.toString());
        assertThat(e1.path("user").path("sourcedId").asString())
                .isEqualTo(store.localId(INTEGRATION, EntityType.USER, "u1").toString());
        assertThat(e1.path("class").path("sourcedId").asString())
                .isEqualTo(store.localId(INTEGRATION, EntityType.CLASS, "k1").toString());
        JsonNode s1 = store.row(INTEGRATION, EntityType.ORG, "s1").record();
        assertThat(s1.path("parent").path("sourcedId").asString())
                .isEqualTo(store.localId(INTEGRATION, EntityType.ORG, "d1").toString());
        assertThat(s1.path("parent").has("href"))
                .as("the upstream's href is dropped")
                .isFalse();
        JsonNode u1 = store.row(INTEGRATION, EntityType.USER, "u1").record();
        assertThat(u1.path("roles").get(0).path("org").path("sourcedId").asString())
                .isEqualTo(store.localId(INTEGRATION, EntityType.ORG, "s1").toString());
        // Streams were read in entity order.
        assertThat(upstream.requests.stream().map(ReadRequest::stream).distinct())
                .containsExactly(
                        "orgs", "academicSessions", "courses", "classes", "users", "enrollments", "demographics");
    }

    @Test
    void aSecondRunOverTheSameDataWritesNothing() throws Exception {
        FakeConnector upstream = sampleDistrict();
        full(upstream);
        Map<String, String> before = store.snapshot(INTEGRATION);
        int journal = store.journal.size();

        RunContext second = newRun(SyncMode.FULL, List.of(), false);
        RunOutcome outcome = run(upstream, second);

        assertThat(outcome.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(outcome.stats().total(EntityStats::unchanged)).isEqualTo(14);
        assertThat(outcome.stats().total(s -> s.created() + s.updated() + s.deleted()))
                .isZero();
        assertThat(store.journal).hasSize(journal);
        assertThat(store.snapshot(INTEGRATION)).isEqualTo(before);
    }

    @Test
    void aFullRunSkipsRecordsTheStoreHoldsByTheirSourceHashAndStillDeletesWhatItDidNotSee() throws Exception {
        FakeConnector upstream = sampleDistrict();
        upstream.hashesRecords = true;
        full(upstream);
        assertThat(upstream.handedBackUnchanged).isEmpty();
        assertThat(upstream.requests)
                .as("a first load has nothing to skip: the connector is asked to read every record in full")
                .allMatch(request -> request.known() == null);
        upstream.requests.clear();

        upstream.put(user("u1", "s1", "u1@example.org", "Renamed", T0.plusSeconds(60)));
        upstream.remove(EntityType.USER, "u2");
        RunOutcome second = full(upstream);

        assertThat(second.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(upstream.requests)
                .as("every stream with records stored is read with what the store knows; demographics has none")
                .allMatch(
                        request -> (request.known() != null) != request.stream().equals("demographics"));
        // u1 changed (new bytes, read in full); u3 came back unchanged; u2 was not seen: deleted.
        assertThat(second.stats().of(EntityType.USER)).isEqualTo(new EntityStats(2, 0, 1, 1, 1, 0));
        assertThat(upstream.handedBackUnchanged)
                .hasSize(12)
                .contains("u3", "e1", "d1")
                .doesNotContain("u1", "u2");
        assertThat(store.row(INTEGRATION, EntityType.USER, "u1")
                        .record()
                        .path("givenName")
                        .asString())
                .isEqualTo("Renamed");
        assertThat(store.row(INTEGRATION, EntityType.USER, "u2").deleted()).isTrue();

        upstream.handedBackUnchanged.clear();
        RunOutcome third = full(upstream);

        assertThat(third.stats().total(EntityStats::unchanged)).isEqualTo(13);
        assertThat(third.stats().total(s -> s.created() + s.updated() + s.deleted()))
                .isZero();
        assertThat(upstream.handedBackUnchanged)
                .as("u1's new hash was stored with its change")
                .hasSize(13);

        // A record stored without a hash (as a webhook stores it) is read in full and compared by its
        // checksum: unchanged, so nothing is written, not even the hash.
        store.forgetSourceHash(INTEGRATION, EntityType.USER, "u3");
        upstream.handedBackUnchanged.clear();
        RunOutcome fourth = full(upstream);

        assertThat(fourth.stats().total(EntityStats::unchanged)).isEqualTo(13);
        assertThat(fourth.stats().total(s -> s.created() + s.updated() + s.deleted()))
                .isZero();
        assertThat(upstream.handedBackUnchanged).hasSize(12).doesNotContain("u3");
    }

    @Test
    void aDeltaHandsTheConnectorNoKnownRecords() throws Exception {
        FakeConnector upstream = sampleDistrict();
        upstream.hashesRecords = true;
        full(upstream);
        upstream.requests.clear();

        run(upstream, newRun(SyncMode.DELTA, List.of(), false));

        assertThat(upstream.requests).isNotEmpty().allMatch(request -> request.known() == null);
    }

    @Test
    void changesDeletesAndUndeletesAreClassifiedAndJournaled() throws Exception {
        FakeConnector upstream = sampleDistrict();
        full(upstream);
        UUID u2 = store.localId(INTEGRATION, EntityType.USER, "u2");

        upstream.put(user("u1", "s1", "u1@example.org", "Renamed", T0.plusSeconds(60)));
        upstream.remove(EntityType.USER, "u2");
        RunOutcome second = full(upstream);

        assertThat(second.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(second.stats().of(EntityType.USER)).isEqualTo(new EntityStats(2, 0, 1, 1, 1, 0));
        assertThat(store.row(INTEGRATION, EntityType.USER, "u1")
                        .record()
                        .path("givenName")
                        .asString())
                .isEqualTo("Renamed");
        InMemorySyncStore.Row gone = store.row(INTEGRATION, EntityType.USER, "u2");
        assertThat(gone.deleted()).isTrue();
        assertThat(gone.record().path("status").asString()).isEqualTo("tobedeleted");

        upstream.put(user("u2", "s1", "u2@example.org", T0));
        RunOutcome third = full(upstream);

        assertThat(third.stats().of(EntityType.USER).updated()).isEqualTo(1);
        assertThat(store.row(INTEGRATION, EntityType.USER, "u2").deleted()).isFalse();
        assertThat(store.localId(INTEGRATION, EntityType.USER, "u2"))
                .as("same local id")
                .isEqualTo(u2);
        assertThat(store.journal.stream()
                        .filter(entry -> entry.localId().equals(u2))
                        .map(InMemorySyncStore.Journal::operation))
                .containsExactly(Operation.CREATED, Operation.DELETED, Operation.UNDELETED);
    }

    @Test
    void aTombstoneInADeltaDeletes() throws Exception {
        FakeConnector upstream = sampleDistrict();
        full(upstream);

        upstream.put(deletedUser("u3", "s2", T0.plusSeconds(3600)));
        RunOutcome delta = run(upstream, newRun(SyncMode.DELTA, List.of(), false));

        assertThat(delta.stats().of(EntityType.USER).deleted()).isEqualTo(1);
        assertThat(store.row(INTEGRATION, EntityType.USER, "u3").deleted()).isTrue();
        assertThat(store.row(INTEGRATION, EntityType.USER, "u1").deleted())
                .as("a delta marks nothing unseen")
                .isFalse();
    }

    @Test
    void aDeltaReadsFromTheWatermarkLessTheOverlapAndMissesNothingAtAPageBoundary() throws Exception {
        FakeConnector upstream = sampleDistrict();
        full(upstream);
        assertThat(store.watermark(INTEGRATION, "users")).contains(T0);

        // Three users changed at the same instant: with a page size of 2, the page boundary falls
        // between records sharing a timestamp.
        Instant t1 = T0.plusSeconds(600);
        upstream.put(user("u1", "s1", "u1@example.org", "A", t1), user("u2", "s1", "u2@example.org", "B", t1));
        upstream.put(user("u3", "s2", "u3@example.org", "C", t1));
        upstream.requests.clear();
        RunOutcome delta = run(upstream, newRun(SyncMode.DELTA, List.of(), false));

        ReadRequest usersRequest = upstream.requests.stream()
                .filter(request -> request.stream().equals("users"))
                .findFirst()
                .orElseThrow();
        assertThat(usersRequest.mode()).isEqualTo(ReadMode.DELTA);
        assertThat(usersRequest.since()).isEqualTo(T0.minus(settings.overlap()));
        assertThat(delta.stats().of(EntityType.USER).updated()).isEqualTo(3);
        assertThat(store.watermark(INTEGRATION, "users")).contains(t1);

        // The next delta re-reads the three (overlap) and finds them unchanged: duplicates are harmless.
        int journal = store.journal.size();
        RunOutcome again = run(upstream, newRun(SyncMode.DELTA, List.of(), false));
        assertThat(again.stats().of(EntityType.USER)).isEqualTo(new EntityStats(3, 0, 0, 3, 0, 0));
        assertThat(store.journal).hasSize(journal);
    }

    /**
     * The first page of a delta's next stream is read while the last page of the stream before is
     * still being processed: the users' last page commit waits (up to a deadline) for the connector
     * to be asked for the enrollments, which only a read ahead can do by then.
     */
    @Test
    void aDeltaReadsTheNextStreamsFirstPageWhileItFinishesTheStreamBefore() throws Exception {
        FakeConnector upstream = sampleDistrict();
        full(upstream);
        Instant t1 = T0.plusSeconds(600);
        upstream.put(user("u1", "s1", "u1@example.org", "Renamed", t1));
        upstream.put(enrollment("e5", "u3", "k1", "s1", t1));
        upstream.requests.clear();
        CountDownLatch enrollmentsAsked = new CountDownLatch(1);
        AtomicBoolean askedBeforeTheUsersLastCommit = new AtomicBoolean();
        Connector connector = forwarding(Connector.class, upstream, (method, args) -> {
            if (method.getName().equals("read")
                    && ((ReadRequest) args[0]).stream().equals("enrollments")) {
                enrollmentsAsked.countDown();
            }
        });
        SyncStore watching = forwarding(SyncStore.class, store, (method, args) -> {
            if (method.getName().equals("prepareCommit")
                    && args[0] instanceof PageCommit page
                    && "users".equals(page.stream())
                    && page.streamCompleted()) {
                askedBeforeTheUsersLastCommit.set(enrollmentsAsked.await(10, TimeUnit.SECONDS));
            }
        });

        RunOutcome delta = new SyncEngine(watching, sleeps::add)
                .run(
                        newRun(SyncMode.DELTA, List.of(), false),
                        connector,
                        FakeConnector.descriptor(),
                        settings,
                        () -> false);

        assertThat(delta.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(askedBeforeTheUsersLastCommit).isTrue();
        assertThat(delta.stats().of(EntityType.ENROLLMENT).created()).isEqualTo(1);
        assertThat(delta.stats().of(EntityType.USER).updated()).isEqualTo(1);
        assertThat(upstream.requests.stream()
                        .filter(request -> request.stream().equals("enrollments") && request.checkpoint() == null))
                .as("the first page read once, ahead")
                .hasSize(1);
    }

    /** An interface's calls passed to {@code target}, each shown to {@code before} first. */
    private static <T> T forwarding(Class<T> type, T target, Before before) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            before.see(method, args);
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    @FunctionalInterface
    private interface Before {
        void see(Method method, Object[] args) throws Exception;
    }

    @Test
    void aRunCrashedMidwayResumesFromTheLastCommittedCheckpointAndEndsWithTheSameRoster() throws Exception {
        InMemorySyncStore reference = referenceRoster();

        FakeConnector upstream = sampleDistrict();
        RunContext run = newRun(SyncMode.FULL, List.of(), false);
        store.crashAtCommit = 7; // in the middle of the users
        assertThatThrownBy(() -> run(upstream, run, staging)).isInstanceOf(InMemorySyncStore.SimulatedCrash.class);
        assertThat(store.snapshot(INTEGRATION))
                .as("nothing applied before the run completes")
                .isEmpty();
        int requestsBeforeCrash = upstream.requests.size();

        store.crashAtCommit = -1;
        RunOutcome resumed = run(upstream, run, staging);

        assertThat(resumed.state()).isEqualTo(RunState.SUCCEEDED);
        List<ReadRequest> afterRestart = upstream.requests.subList(requestsBeforeCrash, upstream.requests.size());
        assertThat(afterRestart.getFirst().stream())
                .as("completed streams are not read again")
                .isEqualTo("users");
        assertThat(afterRestart.getFirst().checkpoint())
                .as("resumes from the committed checkpoint")
                .isNotNull();
        assertThat(resumed.stats().total(EntityStats::created))
                .as("nothing doubled")
                .isEqualTo(14);
        assertThat(store.snapshot(INTEGRATION).values())
                .containsExactlyInAnyOrderElementsOf(
                        reference.snapshot(INTEGRATION).values());
        assertThat(store.journal).hasSize(14);
    }

    private static InMemorySyncStore referenceRoster() throws InterruptedException {
        InMemorySyncStore reference = new InMemorySyncStore();
        new SyncEngine(reference, d -> {})
                .run(
                        new RunContext(TENANT, INTEGRATION, UUID.randomUUID(), SyncMode.FULL, List.of(), false),
                        sampleDistrict(),
                        FakeConnector.descriptor(),
                        SyncSettings.builder().pageSize(2).build(),
                        () -> false);
        return reference;
    }

    @Test
    void aFirstLoadAppliesEachPageWithItsCheckpointAndACrashLosesAndDoublesNothing() throws Exception {
        InMemorySyncStore reference = referenceRoster();
        FakeConnector upstream = sampleDistrict();
        RunContext run = newRun(SyncMode.FULL, List.of(), false);
        store.crashAtCommit = 7; // in the middle of the users

        assertThatThrownBy(() -> run(upstream, run)).isInstanceOf(InMemorySyncStore.SimulatedCrash.class);
        assertThat(store.snapshot(INTEGRATION))
                .as("the six committed pages are applied: orgs, the term, the course, the classes, one user page")
                .hasSize(9);
        assertThat(store.journal).hasSize(9);

        store.crashAtCommit = -1;
        RunOutcome resumed = run(upstream, run);

        assertThat(resumed.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(resumed.stats().total(EntityStats::created)).isEqualTo(14);
        assertThat(store.snapshot(INTEGRATION)).isEqualTo(reference.snapshot(INTEGRATION));
        assertThat(store.journal).as("one entry per record, none doubled").hasSize(14);
        assertThat(store.mappings).hasSize(14);
    }

    @Test
    void aCancelledFirstLoadKeepsThePagesItAppliedAndTheNextRunGoesOnFromThem() throws Exception {
        FakeConnector upstream = sampleDistrict();
        RunOutcome cancelled = engine.run(
                newRun(SyncMode.FULL, List.of(), false),
                upstream,
                FakeConnector.descriptor(),
                settings,
                () -> upstream.requests.size() >= 3);
        assertThat(cancelled.state()).isEqualTo(RunState.CANCELLED);
        assertThat(store.snapshot(INTEGRATION)).hasSize(4);

        RunOutcome next = full(upstream);

        assertThat(next.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(next.stats().total(EntityStats::created)).isEqualTo(10);
        assertThat(next.stats().total(EntityStats::unchanged)).isEqualTo(4);
        assertThat(store.snapshot(INTEGRATION)).isEqualTo(referenceRoster().snapshot(INTEGRATION));
        assertThat(store.journal).hasSize(14);
    }

    @Test
    void aDeltaLooksUpTheIdsOnItsPagesInsteadOfLoadingEveryRecord() throws Exception {
        FakeConnector upstream = sampleDistrict();
        full(upstream);
        Instant t1 = T0.plusSeconds(3600);
        upstream.put(enrollment("e2", "u2", "k2", "s2", t1));
        store.indexLoads.clear();

        RunOutcome delta = run(upstream, newRun(SyncMode.DELTA, List.of(), false));

        assertThat(delta.stats().of(EntityType.ENROLLMENT).updated()).isEqualTo(1);
        assertThat(store.indexLoads)
                .as("no whole index loaded for a stream read as a delta (demographics, never seen, are read in full)")
                .doesNotContain(EntityType.ENROLLMENT, EntityType.USER, EntityType.CLASS, EntityType.ORG);
        assertThat(store.lookups).isPositive();
        JsonNode record = store.row(INTEGRATION, EntityType.ENROLLMENT, "e2").record();
        assertThat(record.path("class").path("sourcedId").asString())
                .as("the reference resolved through a look-up")
                .isEqualTo(store.localId(INTEGRATION, EntityType.CLASS, "k2").toString());
    }

    @Test
    void aFullRunResumedAfterACrashStillDeletesOnlyWhatItDidNotSee() throws Exception {
        FakeConnector upstream = sampleDistrict();
        full(upstream);
        upstream.remove(EntityType.USER, "u3");

        RunContext run = newRun(SyncMode.FULL, List.of(), false);
        store.crashAtCommit = store.commits + 6; // after the first page of users (u1, u2) is committed
        assertThatThrownBy(() -> run(upstream, run)).isInstanceOf(InMemorySyncStore.SimulatedCrash.class);
        store.crashAtCommit = -1;
        RunOutcome resumed = run(upstream, run);

        assertThat(resumed.stats().of(EntityType.USER).deleted()).isEqualTo(1);
        assertThat(store.row(INTEGRATION, EntityType.USER, "u1").deleted()).isFalse();
        assertThat(store.row(INTEGRATION, EntityType.USER, "u2").deleted()).isFalse();
        assertThat(store.row(INTEGRATION, EntityType.USER, "u3").deleted()).isTrue();
    }

    @Test
    void retriableFailuresAreRetriedWithBackoffAndRetryAfter() throws Exception {
        FakeConnector upstream = sampleDistrict();
        upstream.failures.add(new RetriableException("503 from upstream"));
        upstream.failures.add(new RateLimitedException("429", Duration.ofSeconds(7), null));
        upstream.failures.add(new RetriableException("timeout"));

        RunOutcome outcome = full(upstream);

        assertThat(outcome.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(7), Duration.ofSeconds(2));
        assertThat(store.snapshot(INTEGRATION)).hasSize(14);
    }

    @Test
    void aRunFailsWhenRetriesAreExhaustedAndAnAuthenticationFailureIsNeverRetried() throws Exception {
        FakeConnector flaky = sampleDistrict();
        for (int i = 0; i < 5; i++) {
            flaky.failures.add(new RetriableException("503 attempt " + i));
        }
        RunContext run = newRun(SyncMode.FULL, List.of(), false);
        RunOutcome failed = run(flaky, run);
        assertThat(failed.state()).isEqualTo(RunState.FAILED);
        assertThat(failed.error()).contains("retriable", "503 attempt 4");
        assertThat(sleeps).hasSize(4);
        assertThat(store.states.get(run.sessionId())).isEqualTo(RunState.FAILED);

        sleeps.clear();
        FakeConnector refused = sampleDistrict();
        refused.failures.add(new AuthenticationException("401: the client secret was refused"));
        RunOutcome auth = full(refused);
        assertThat(auth.state()).isEqualTo(RunState.FAILED);
        assertThat(auth.error()).contains("authentication", "client secret was refused");
        assertThat(sleeps).isEmpty();
        assertThat(store.snapshot(INTEGRATION)).isEmpty();
    }

    @Test
    void recordErrorsGoToDeadLettersAndTheRunGoesOn() throws Exception {
        FakeConnector upstream = sampleDistrict();
        JsonNode raw = tools.jackson.databind.json.JsonMapper.builder().build().readTree("{\"sourcedId\":\"bad\"}");
        upstream.recordErrors.put(EntityType.USER, List.of(new RecordError("bad", "givenName: is required", raw)));

        RunOutcome outcome = full(upstream);

        assertThat(outcome.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(outcome.stats().of(EntityType.USER)).isEqualTo(new EntityStats(4, 3, 0, 0, 0, 1));
        assertThat(store.deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.stream()).isEqualTo("users");
            assertThat(letter.externalId()).isEqualTo("bad");
            assertThat(letter.stage()).isEqualTo("read");
            assertThat(letter.message()).isEqualTo("givenName: is required");
            assertThat(letter.payload()).isEqualTo(raw);
        });
    }

    @Test
    void aReferenceToARecordLaterInTheRunWaitsAndAMissingOneIsDeadLettered() throws Exception {
        // The school comes before its district in the stream; an enrollment names a class that never comes.
        FakeConnector upstream = new FakeConnector()
                .put(school("s1", "d1", T0), district("d1", T0))
                .put(term("t1", T0), course("c1", "d1", T0), rosterClass("k1", "c1", "s1", "t1", T0))
                .put(user("u1", "s1", "u1@example.org", T0))
                .put(enrollment("e1", "u1", "k1", "s1", T0), enrollment("e2", "u1", "missing-class", "s1", T0));

        RunOutcome outcome = full(upstream);

        assertThat(outcome.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(outcome.stats().of(EntityType.ORG).created()).isEqualTo(2);
        assertThat(store.row(INTEGRATION, EntityType.ORG, "s1")
                        .record()
                        .path("parent")
                        .path("sourcedId")
                        .asString())
                .isEqualTo(store.localId(INTEGRATION, EntityType.ORG, "d1").toString());
        assertThat(outcome.stats().of(EntityType.ENROLLMENT)).isEqualTo(new EntityStats(2, 1, 0, 0, 0, 1));
        assertThat(store.localId(INTEGRATION, EntityType.ENROLLMENT, "e2")).isNull();
        assertThat(store.deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.externalId()).isEqualTo("e2");
            assertThat(letter.stage()).isEqualTo("resolve");
            assertThat(letter.errorKind()).isEqualTo("reference");
            assertThat(letter.message()).contains("class: classes 'missing-class' is not there");
            assertThat(letter.payload()).isNotNull();
        });
    }

    @Test
    void aNewExternalRecordIsMatchedToAnExistingLocalOneByItsNaturalKey() throws Exception {
        full(sampleDistrict());
        UUID local = store.localId(INTEGRATION, EntityType.USER, "u1");

        UUID other = UUID.randomUUID();
        SyncSettings byEmail = settings.toBuilder()
                .naturalKey(EntityType.USER, NaturalKey.EMAIL)
                .build();
        FakeConnector lms = new FakeConnector()
                .put(district("lms-d", T0), school("lms-s", "lms-d", T0))
                .put(user("lms-7", "lms-s", "U1@Example.org", T0), user("lms-8", "lms-s", "new@example.org", T0));
        RunOutcome outcome = engine.run(
                new RunContext(TENANT, other, UUID.randomUUID(), SyncMode.FULL, List.of("orgs", "users"), false),
                lms,
                FakeConnector.descriptor(),
                byEmail,
                () -> false);

        assertThat(outcome.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(store.localId(other, EntityType.USER, "lms-7"))
                .as("matched by email")
                .isEqualTo(local);
        assertThat(store.localId(other, EntityType.USER, "lms-8")).isNotNull().isNotEqualTo(local);
        assertThat(store.mappings)
                .filteredOn(mapping -> mapping.externalId().equals("lms-7"))
                .singleElement()
                .extracting(InMemorySyncStore.Mapping::matchedBy)
                .isEqualTo("natural-key");
    }

    @Test
    void theMassChangeGuardHoldsARunThatDeletesTooMuchUntilApproved() throws Exception {
        FakeConnector upstream = sampleDistrict();
        full(upstream);
        Map<String, String> before = store.snapshot(INTEGRATION);
        int journal = store.journal.size();
        upstream.remove(EntityType.ENROLLMENT, "e1").remove(EntityType.ENROLLMENT, "e2");
        upstream.remove(EntityType.ENROLLMENT, "e3");

        RunContext run = newRun(SyncMode.FULL, List.of(), false);
        RunOutcome held = engine.run(run, upstream, FakeConnector.descriptor(), guarded, () -> false);

        assertThat(held.state()).isEqualTo(RunState.HELD);
        assertThat(held.error()).contains("enrollments: 3 of 4 active records (75.0%)");
        assertThat(held.guard().checks())
                .filteredOn(MassChangeReport.Check::exceeded)
                .extracting(MassChangeReport.Check::entityType)
                .containsExactly(EntityType.ENROLLMENT);
        assertThat(store.snapshot(INTEGRATION)).as("nothing applied").isEqualTo(before);
        assertThat(store.journal).hasSize(journal);
        assertThat(store.staged(run.sessionId()))
                .as("exactly what would change")
                .extracting(StagedRecord::externalId, StagedRecord::operation)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("e1", Operation.DELETED),
                        org.assertj.core.groups.Tuple.tuple("e2", Operation.DELETED),
                        org.assertj.core.groups.Tuple.tuple("e3", Operation.DELETED));

        RunOutcome approved = engine.approve(run);

        assertThat(approved.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(store.row(INTEGRATION, EntityType.ENROLLMENT, "e1").deleted())
                .isTrue();
        assertThat(store.row(INTEGRATION, EntityType.ENROLLMENT, "e4").deleted())
                .isFalse();
        assertThat(store.journal).hasSize(journal + 3);
        assertThat(store.staged(run.sessionId())).isEmpty();
    }

    @Test
    void aChangeUnderTheLimitIsAppliedWithTheGuardOn() throws Exception {
        FakeConnector upstream = sampleDistrict();
        full(upstream);
        upstream.remove(EntityType.ENROLLMENT, "e1");

        RunOutcome outcome = engine.run(
                newRun(SyncMode.FULL, List.of(), false), upstream, FakeConnector.descriptor(), guarded, () -> false);

        assertThat(outcome.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(outcome.guard().held()).isFalse();
        assertThat(store.row(INTEGRATION, EntityType.ENROLLMENT, "e1").deleted())
                .isTrue();
    }

    @Test
    void aRejectedHeldRunLeavesTheRosterAsItWas() throws Exception {
        FakeConnector upstream = sampleDistrict();
        full(upstream);
        Map<String, String> before = store.snapshot(INTEGRATION);
        upstream.remove(EntityType.USER, "u1").remove(EntityType.USER, "u2");

        RunContext run = newRun(SyncMode.FULL, List.of(), false);
        assertThat(engine.run(run, upstream, FakeConnector.descriptor(), guarded, () -> false)
                        .state())
                .isEqualTo(RunState.HELD);
        RunOutcome rejected = engine.reject(run, "rejected by an operator");

        assertThat(rejected.state()).isEqualTo(RunState.CANCELLED);
        assertThat(store.snapshot(INTEGRATION)).isEqualTo(before);
        assertThat(store.staged(run.sessionId())).isEmpty();
        assertThat(store.watermark(INTEGRATION, "users"))
                .as("the watermark stays")
                .contains(T0);
    }

    @Test
    void aDryRunComputesWhatWouldChangeAndAppliesNothing() throws Exception {
        FakeConnector upstream = sampleDistrict();
        RunContext run = newRun(SyncMode.FULL, List.of(), true);

        RunOutcome outcome = run(upstream, run);

        assertThat(outcome.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(outcome.stats().total(EntityStats::created)).isEqualTo(14);
        assertThat(store.snapshot(INTEGRATION)).isEmpty();
        assertThat(store.journal).isEmpty();
        assertThat(store.staged(run.sessionId())).hasSize(14);
        assertThat(store.watermark(INTEGRATION, "users")).isEmpty();
    }

    @Test
    void aCancelledRunAppliesNothing() throws Exception {
        FakeConnector upstream = sampleDistrict();
        AtomicBoolean cancel = new AtomicBoolean();
        RunContext run = newRun(SyncMode.FULL, List.of(), false);

        RunOutcome outcome = engine.run(run, upstream, FakeConnector.descriptor(), staging, () -> {
            if (upstream.requests.size() >= 3) {
                cancel.set(true);
            }
            return cancel.get();
        });

        assertThat(outcome.state()).isEqualTo(RunState.CANCELLED);
        assertThat(store.snapshot(INTEGRATION)).isEmpty();
        assertThat(store.states.get(run.sessionId())).isEqualTo(RunState.CANCELLED);
        assertThat(store.staged(run.sessionId())).isEmpty();
    }

    @Test
    void aPerStreamBackfillTouchesNothingElse() throws Exception {
        FakeConnector upstream = sampleDistrict();
        full(upstream);
        upstream.put(course("c1", "d1", T0.plusSeconds(5)));
        upstream.remove(EntityType.ENROLLMENT, "e4");
        upstream.put(user("u1", "s1", "u1@example.org", "Changed", T0.plusSeconds(5)));
        upstream.requests.clear();

        RunOutcome outcome = run(upstream, newRun(SyncMode.FULL, List.of("users"), false));

        assertThat(upstream.requests).extracting(ReadRequest::stream).containsOnly("users");
        assertThat(outcome.stats().entities().keySet()).containsExactly(EntityType.USER);
        assertThat(outcome.stats().of(EntityType.USER).updated()).isEqualTo(1);
        assertThat(store.row(INTEGRATION, EntityType.ENROLLMENT, "e4").deleted())
                .isFalse();
    }

    @Test
    void anUnknownStreamIsRefusedNamingTheStreamsThereAre() {
        assertThatThrownBy(() -> run(sampleDistrict(), newRun(SyncMode.FULL, List.of("users", "pets"), false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streams: [pets] are not streams of connector 'fake'")
                .hasMessageContaining("enrollments");
    }

    @Test
    void settingsRejectBadValuesNamingThem() {
        assertThatThrownBy(() -> SyncSettings.builder().massChangeShare(1.2))
                .hasMessage("massChangeShare must be greater than 0 and at most 1, but was 1.2");
        assertThatThrownBy(() -> SyncSettings.builder().naturalKey(EntityType.CLASS, NaturalKey.EMAIL))
                .hasMessage("naturalKeys.classes: 'email' is not a field of classes");
        assertThatThrownBy(() -> SyncSettings.builder().pageSize(0))
                .hasMessage("pageSize must be between 1 and 10000, but was 0");
    }
}
