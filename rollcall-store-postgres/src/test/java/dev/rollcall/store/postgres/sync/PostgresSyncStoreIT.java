package dev.rollcall.store.postgres.sync;

import static dev.rollcall.engine.sync.Records.T0;
import static dev.rollcall.engine.sync.Records.course;
import static dev.rollcall.engine.sync.Records.district;
import static dev.rollcall.engine.sync.Records.enrollment;
import static dev.rollcall.engine.sync.Records.rosterClass;
import static dev.rollcall.engine.sync.Records.school;
import static dev.rollcall.engine.sync.Records.term;
import static dev.rollcall.engine.sync.Records.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.engine.sync.FakeConnector;
import dev.rollcall.engine.sync.MatchedBy;
import dev.rollcall.engine.sync.NaturalKey;
import dev.rollcall.engine.sync.Operation;
import dev.rollcall.engine.sync.PageCommit;
import dev.rollcall.engine.sync.RunCompletion;
import dev.rollcall.engine.sync.RunContext;
import dev.rollcall.engine.sync.RunOutcome;
import dev.rollcall.engine.sync.RunState;
import dev.rollcall.engine.sync.StagedRecord;
import dev.rollcall.engine.sync.SyncEngine;
import dev.rollcall.engine.sync.SyncMode;
import dev.rollcall.engine.sync.SyncSettings;
import dev.rollcall.engine.sync.SyncStats;
import dev.rollcall.engine.sync.SyncStore;
import dev.rollcall.store.postgres.EmbeddedPostgresServer;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The sync engine on the real PostgreSQL store: staging, set-based apply, journal, mappings, resume. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PostgresSyncStoreIT {

    private static EmbeddedPostgresServer server;
    private static PGSimpleDataSource dataSource;

    private UUID tenant;
    private UUID integration;
    private MappingLookup lookup;
    private PostgresSyncStore store;
    private SyncEngine engine;
    private final SyncSettings settings = SyncSettings.builder().pageSize(2).build();

    @BeforeAll
    static void startPostgres() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        server = EmbeddedPostgresServer.start(Files.createTempDirectory(target, "pg-sync-"), "rollcall");
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(server.jdbcUrl("rollcall"));
        dataSource.setUser(server.user());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @AfterAll
    static void stopPostgres() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newTenantAndIntegration() throws SQLException {
        tenant = UUID.randomUUID();
        integration = newIntegration("SIS");
        sql("insert into tenant (id, slug, name) values ('" + tenant + "', 't-" + tenant + "', 'Tenant')");
        sql("insert into integration (id, tenant_id, name, connector, current_version) values ('" + integration + "', '"
                + tenant + "', 'SIS', 'fake', 1)");
        lookup = new MappingLookup(dataSource, 10_000, Duration.ofMinutes(5));
        store = new PostgresSyncStore(dataSource, lookup);
        engine = new SyncEngine(store, duration -> {});
    }

    private UUID newIntegration(String name) {
        return UUID.randomUUID();
    }

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

    private RunContext session(SyncMode mode) {
        UUID id = store.createSession(tenant, integration, mode, List.of(), false, "test");
        return new RunContext(tenant, integration, id, mode, List.of(), false);
    }

    private RunOutcome run(SyncStore on, FakeConnector upstream, RunContext run, SyncSettings with)
            throws InterruptedException {
        return new SyncEngine(on, duration -> {}).run(run, upstream, FakeConnector.descriptor(), with, () -> false);
    }

    @Test
    void aFullRunFillsTheRosterTheLedgerAndTheJournal() throws Exception {
        RunContext run = session(SyncMode.FULL);

        RunOutcome outcome = run(store, sampleDistrict(), run, settings);

        assertThat(outcome.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(count("select count(*) from id_mapping where integration_id = '" + integration + "'"))
                .isEqualTo(14);
        assertThat(count("select count(*) from change_journal where session_id = '" + run.sessionId()
                        + "' and operation = 'created'"))
                .isEqualTo(14);
        assertThat(count("select count(*) from sync_staged_change where session_id = '" + run.sessionId() + "'"))
                .as("staging is emptied once applied")
                .isZero();
        UUID u1 = lookup.localId(integration, EntityType.USER, "u1").orElseThrow();
        UUID k1 = lookup.localId(integration, EntityType.CLASS, "k1").orElseThrow();
        assertThat(string("select user_id || ' ' || class_id || ' ' || role from roster_enrollment where id = '"
                        + lookup.localId(integration, EntityType.ENROLLMENT, "e1")
                                .orElseThrow() + "'"))
                .isEqualTo(u1 + " " + k1 + " student");
        assertThat(string("select email || ' ' || given_name || ' ' || (record->>'sourcedId') from roster_user"
                        + " where id = '" + u1 + "'"))
                .isEqualTo("u1@example.org Given " + u1);
        assertThat(string("select provenance::text || ' ' || provenance_integration_id || ' ' || provenance_session_id"
                        + " from roster_user where id = '" + u1 + "'"))
                .as("a first load's rows carry their provenance once, as the row's default")
                .isEqualTo("{} " + integration + " " + run.sessionId());
        assertThat(string("select array_to_string(changed_fields, ',') from change_journal where record_id = '" + u1
                        + "'"))
                .startsWith("dateLastModified,email,")
                .contains(",givenName,");
        assertThat(string("select state || ' ' || (progress->'enrollments'->>'created') || ' '"
                        + " || (finished_at is not null) from sync_session where id = '" + run.sessionId() + "'"))
                .isEqualTo("succeeded 4 true");
        assertThat(string("select watermark from sync_watermark where integration_id = '" + integration
                        + "' and stream = 'users'"))
                .startsWith("2025-01-01 00:00:00");
    }

    @Test
    void aSecondRunOverTheSameDataWritesNoRosterRow() throws Exception {
        FakeConnector upstream = sampleDistrict();
        run(store, upstream, session(SyncMode.FULL), settings);
        String before = rowVersions();
        long journal = count("select count(*) from change_journal where tenant_id = '" + tenant + "'");

        RunOutcome second = run(store, upstream, session(SyncMode.FULL), settings);

        assertThat(second.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(second.stats().total(s -> s.unchanged())).isEqualTo(14);
        assertThat(rowVersions()).as("no roster row rewritten").isEqualTo(before);
        assertThat(count("select count(*) from change_journal where tenant_id = '" + tenant + "'"))
                .isEqualTo(journal);
    }

    @Test
    void sourceHashesAreStoredWithTheChecksumsAndAFullRunSkipsTheRecordsTheStoreHoldsByThem() throws Exception {
        FakeConnector upstream = sampleDistrict().hashing();
        run(store, upstream, session(SyncMode.FULL), settings);
        assertThat(count("select count(*) from roster_user where source_hash is not null"))
                .as("a first load copies them")
                .isEqualTo(3);
        UUID u1 = lookup.localId(integration, EntityType.USER, "u1").orElseThrow();
        UUID e4 = lookup.localId(integration, EntityType.ENROLLMENT, "e4").orElseThrow();
        String u1Hash = string("select encode(source_hash, 'hex') from roster_user where id = '" + u1 + "'");

        upstream.put(user("u1", "s1", "u1@example.org", "Renamed", T0.plusSeconds(60)));
        upstream.remove(EntityType.ENROLLMENT, "e4");
        RunOutcome second = run(store, upstream, session(SyncMode.FULL), settings);

        assertThat(second.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(upstream.handedBackUnchanged).hasSize(12).doesNotContain("u1", "e4");
        assertThat(second.stats().of(EntityType.ENROLLMENT).deleted()).isEqualTo(1);
        assertThat(string("select encode(source_hash, 'hex') from roster_user where id = '" + u1 + "'"))
                .as("a change stores its record's new hash (staged, then applied)")
                .hasSize(32)
                .isNotEqualTo(u1Hash);
        assertThat(string("select coalesce(encode(source_hash, 'hex'), 'none') || ' ' || status"
                        + " from roster_enrollment where id = '" + e4 + "'"))
                .as("a record deleted for not being seen has no hash")
                .isEqualTo("none tobedeleted");

        upstream.handedBackUnchanged.clear();
        String before = rowVersions();
        RunOutcome third = run(store, upstream, session(SyncMode.FULL), settings);

        assertThat(third.stats().total(s -> s.unchanged())).isEqualTo(13);
        assertThat(upstream.handedBackUnchanged).hasSize(13);
        assertThat(rowVersions()).as("no roster row rewritten").isEqualTo(before);
    }

    @Test
    void changesAndDeletesAreJournaledWithTheirFieldsAndProvenance() throws Exception {
        FakeConnector upstream = sampleDistrict();
        run(store, upstream, session(SyncMode.FULL), settings);

        upstream.put(user("u1", "s1", "u1@example.org", "Renamed", T0.plusSeconds(60)));
        upstream.remove(EntityType.ENROLLMENT, "e4");
        RunContext first = lastSession();
        RunContext second = session(SyncMode.FULL);
        assertThat(run(store, upstream, second, settings).state()).isEqualTo(RunState.SUCCEEDED);

        UUID u1 = lookup.localId(integration, EntityType.USER, "u1").orElseThrow();
        assertThat(string("select array_to_string(changed_fields, ',') from change_journal where session_id = '"
                        + second.sessionId() + "' and record_id = '" + u1 + "'"))
                .isEqualTo("dateLastModified,givenName");
        assertThat(string("select given_name || ' ' || (provenance->'givenName'->>'session') from roster_user"
                        + " where id = '" + u1 + "'"))
                .isEqualTo("Renamed " + second.sessionId());
        assertThat(string(
                        "select coalesce(provenance->'email'->>'session', provenance_session_id::text) from roster_user"
                                + " where id = '" + u1 + "'"))
                .as("a field the change left alone keeps the row's default provenance")
                .isEqualTo(first.sessionId().toString());
        UUID e4 = lookup.localId(integration, EntityType.ENROLLMENT, "e4").orElseThrow();
        assertThat(string("select status || ' ' || (record->>'status') from roster_enrollment where id = '" + e4 + "'"))
                .isEqualTo("tobedeleted tobedeleted");
        assertThat(string("select operation || ' ' || array_to_string(changed_fields, ',') from change_journal"
                        + " where session_id = '" + second.sessionId() + "' and record_id = '" + e4 + "'"))
                .isEqualTo("deleted status");
    }

    @Test
    void aFirstLoadsJournalEntriesPointAtTheRosterAndKeepTheirRecordWhenTheRowChanges() throws Exception {
        FakeConnector upstream = sampleDistrict();
        RunContext first = session(SyncMode.FULL);
        run(store, upstream, first, settings);
        UUID u1 = lookup.localId(integration, EntityType.USER, "u1").orElseThrow();
        UUID e4 = lookup.localId(integration, EntityType.ENROLLMENT, "e4").orElseThrow();
        String u1Created = string("select record::text from roster_user where id = '" + u1 + "'");
        String e4Created = string("select record::text from roster_enrollment where id = '" + e4 + "'");
        String inRoster = "select count(*) from change_journal where session_id = '" + first.sessionId()
                + "' and record_in_roster and record is null";
        assertThat(count(inRoster))
                .as("a first load's creates carry no copy of their records")
                .isEqualTo(14);
        assertThat(string(createdRecord(first, u1))).isEqualTo(u1Created);

        upstream.put(user("u1", "s1", "u1@example.org", "Renamed", T0.plusSeconds(60)));
        upstream.remove(EntityType.ENROLLMENT, "e4");
        RunContext second = session(SyncMode.FULL);
        assertThat(run(store, upstream, second, settings).state()).isEqualTo(RunState.SUCCEEDED);

        assertThat(string("select given_name from roster_user where id = '" + u1 + "'"))
                .isEqualTo("Renamed");
        assertThat(count(inRoster))
                .as("the apply rewrites no entry of the first load")
                .isEqualTo(14);
        assertThat(string(createdRecord(first, u1)))
                .as("the create still answers the record it created: the next entry's previous record")
                .isEqualTo(u1Created)
                .doesNotContain("Renamed");
        assertThat(string(createdRecord(first, e4)))
                .as("and so does a deleted record's")
                .isEqualTo(e4Created)
                .doesNotContain("tobedeleted");
        String u1Renamed = string("select record::text from roster_user where id = '" + u1 + "'");
        assertThat(string(entryRecord(second, u1))).isEqualTo(u1Renamed);
        assertThat(string("select previous_record::text from change_journal where session_id = '" + second.sessionId()
                        + "' and record_id = '" + u1 + "'"))
                .isEqualTo(u1Created);

        upstream.put(user("u1", "s1", "u1@example.org", "Renamed again", T0.plusSeconds(120)));
        RunContext third = session(SyncMode.FULL);
        assertThat(run(store, upstream, third, settings).state()).isEqualTo(RunState.SUCCEEDED);

        assertThat(string(createdRecord(first, u1)))
                .as("a second change leaves the first load's entry answering the created record")
                .isEqualTo(u1Created);
        assertThat(string(entryRecord(second, u1))).isEqualTo(u1Renamed);
        assertThat(string(entryRecord(third, u1))).contains("Renamed again");
        UUID u2 = lookup.localId(integration, EntityType.USER, "u2").orElseThrow();
        assertThat(string(createdRecord(first, u2)))
                .as("an entry whose row never changed answers the roster row's record")
                .isEqualTo(string("select record::text from roster_user where id = '" + u2 + "'"));
    }

    @Test
    void aFirstLoadKeepsQuotesAndTextBeyondAsciiIntact() throws Exception {
        // user(...) writes its arguments into JSON text: \" is a quote in the record
        FakeConnector upstream =
                sampleDistrict().put(user("u\\\"\u00fc", "s1", "q@example.org", "Zo\u00eb \\\"Z\\\" \u6587", T0));
        RunContext run = session(SyncMode.FULL);

        assertThat(run(store, upstream, run, settings).state()).isEqualTo(RunState.SUCCEEDED);

        UUID id = lookup.localId(integration, EntityType.USER, "u\"\u00fc").orElseThrow();
        assertThat(string("select given_name || '|' || (record->>'givenName') || '|' || (record->>'familyName')"
                        + " from roster_user where id = '" + id + "'"))
                .isEqualTo("Zo\u00eb \"Z\" \u6587|Zo\u00eb \"Z\" \u6587|Family u\"\u00fc");
    }

    @Test
    void foreignKeysAreCheckedOncePerTransactionOnlyWhenTheRunsParentsAreThere() throws Exception {
        RunContext run = session(SyncMode.FULL);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            assertThat(RunParents.checkOnce(connection, run)).isTrue();
            assertThat(setting(connection)).isEqualTo("replica");
            RunParents.checkEachRowAgain(connection);
            assertThat(setting(connection)).isEqualTo("origin");
            assertThat(RunParents.checkOnce(connection, run)).isTrue();
            connection.rollback();
            assertThat(setting(connection))
                    .as("set local: it ends with the transaction")
                    .isEqualTo("origin");

            RunContext noSuchSession =
                    new RunContext(tenant, integration, UUID.randomUUID(), SyncMode.FULL, List.of(), false);
            assertThat(RunParents.checkOnce(connection, noSuchSession)).isFalse();
            assertThat(setting(connection)).isEqualTo("origin");
            connection.rollback();
        }
    }

    private static String setting(Connection connection) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery("show session_replication_role")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String createdRecord(RunContext session, UUID recordId) {
        return entryRecord(session, recordId) + " and operation = 'created'";
    }

    /** The record a session's journal entry for a record answers, as the change feed reads it. */
    private static String entryRecord(RunContext session, UUID recordId) {
        return "select change_journal_record(tenant_id, entity_type, record_id, seq, record, record_in_roster)::text"
                + " from change_journal where session_id = '" + session.sessionId() + "' and record_id = '"
                + recordId + "'";
    }

    @Test
    void aRunKilledMidwayResumesOnTheSameSessionAndEndsWithTheSameRoster() throws Exception {
        aRunKilledMidwayResumes(settings.toBuilder().firstLoadPerPage(false).build(), 0);
    }

    @Test
    void aFirstLoadKilledMidwayKeepsItsCommittedPagesAndResumesWithNothingLostOrDoubled() throws Exception {
        aRunKilledMidwayResumes(settings, 9);
        assertThat(count("select count(*) from change_journal where tenant_id = '" + tenant + "' and session_id = '"
                        + lastSession().sessionId() + "'"))
                .isEqualTo(14);
    }

    @Test
    void theTablesAFirstLoadFilledAreAnalyzedAndOtherRunsAnalyzeNothing() throws Exception {
        RunContext first = session(SyncMode.FULL);
        run(store, sampleDistrict(), first, settings);
        RunContext resync = session(SyncMode.FULL);
        run(store, sampleDistrict(), resync, settings);
        long before = analyzeCount("id_mapping");

        store.analyzeFirstLoad(resync); // not a first load: nothing to do
        store.analyzeFirstLoad(first);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(analyzeCount("id_mapping")).isEqualTo(before + 1));
        assertThat(analyzeCount("roster_enrollment")).isPositive();
        assertThat(analyzeCount("change_journal")).isPositive();
    }

    /** How many times a table was analyzed by hand, as PostgreSQL's statistics tell. */
    private long analyzeCount(String table) throws Exception {
        return count("select analyze_count from pg_stat_user_tables where relname = '" + table + "'");
    }

    @Test
    void aDeltaLooksUpTheRecordsOnItsPagesAndAppliesTheirChanges() throws Exception {
        FakeConnector upstream = sampleDistrict();
        run(store, upstream, session(SyncMode.FULL), settings);
        upstream.put(user("u1", "s1", "u1@example.org", "Renamed", T0.plusSeconds(3600)));
        upstream.put(enrollment("e5", "u3", "k1", "s1", T0.plusSeconds(3600)));
        upstream.put(enrollment("e2", "u2", "k2", "s2", T0.plusSeconds(3600)));

        RunContext delta = session(SyncMode.DELTA);
        RunOutcome outcome = run(store, upstream, delta, settings);

        assertThat(outcome.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(outcome.stats().of(EntityType.USER).updated()).isEqualTo(1);
        assertThat(outcome.stats().of(EntityType.ENROLLMENT).created()).isEqualTo(1);
        assertThat(outcome.stats().of(EntityType.ENROLLMENT).updated()).isEqualTo(1);
        UUID u3 = lookup.localId(integration, EntityType.USER, "u3").orElseThrow();
        UUID k1 = lookup.localId(integration, EntityType.CLASS, "k1").orElseThrow();
        assertThat(string("select user_id || ' ' || class_id from roster_enrollment where id = '"
                        + lookup.localId(integration, EntityType.ENROLLMENT, "e5")
                                .orElseThrow() + "'"))
                .isEqualTo(u3 + " " + k1);
        assertThat(count("select count(*) from change_journal where session_id = '" + delta.sessionId() + "'"))
                .isEqualTo(3);
        assertThat(string("select e->>'active' from sync_session, jsonb_array_elements(guard->'entities') e"
                        + " where id = '" + delta.sessionId() + "' and e->>'entity' = 'enrollments'"))
                .as("the guard's base counted in the database (1 change needs a base of 6 to pass: 4 is exact)")
                .isEqualTo("4");
    }

    /**
     * A page whose records the session never staged is copied straight into the staging table; one
     * that restages a record goes through the merging upsert: a create stays a create with its new
     * mapping, and the latest content wins.
     */
    @Test
    void aRecordStagedTwiceInOneSessionIsMergedIntoOneChange() throws Exception {
        run(store, sampleDistrict(), session(SyncMode.FULL), settings);
        RunContext delta = session(SyncMode.DELTA);
        UUID u9 = UUID.randomUUID();
        UUID u1 = lookup.localId(integration, EntityType.USER, "u1").orElseThrow();

        store.commitPage(stagedPage(
                delta,
                staged(EntityType.USER, Operation.CREATED, "u9", u9, "First", MatchedBy.CREATED),
                staged(EntityType.USER, Operation.UPDATED, "u1", u1, "One", null)));
        store.commitPage(stagedPage(delta, staged(EntityType.USER, Operation.UPDATED, "u9", u9, "Second", null)));

        assertThat(string("select string_agg(external_id || ':' || operation || ':' || coalesce(new_mapping, '-')"
                        + " || ':' || (record->>'givenName'), ',' order by external_id) from sync_staged_change"
                        + " where session_id = '" + delta.sessionId() + "'"))
                .isEqualTo("u1:updated:-:One,u9:created:created:Second");
        store.complete(new RunCompletion(delta, RunState.SUCCEEDED, true, true, SyncStats.EMPTY, null, null));
        assertThat(lookup.localId(integration, EntityType.USER, "u9")).contains(u9);
        assertThat(string("select given_name from roster_user where id = '" + u9 + "'"))
                .isEqualTo("Second");
        assertThat(string("select string_agg(operation, ',' order by seq) from change_journal where record_id = '" + u9
                        + "'"))
                .isEqualTo("created");
        assertThat(string("select given_name from roster_user where id = '" + u1 + "'"))
                .isEqualTo("One");
    }

    @Test
    void localIdsAreLookedUpFromTheLedgerAndTheSessionsNewMappings() throws Exception {
        run(store, sampleDistrict(), session(SyncMode.FULL), settings);
        RunContext delta = session(SyncMode.DELTA);
        UUID u9 = UUID.randomUUID();
        store.commitPage(
                stagedPage(delta, staged(EntityType.USER, Operation.CREATED, "u9", u9, "New", MatchedBy.CREATED)));
        Map<String, UUID> found = new TreeMap<>();

        store.lookupLocalIds(delta, EntityType.USER, List.of("u1", "u9", "u404", "k1"), found::put);

        assertThat(found)
                .containsOnlyKeys("u1", "u9")
                .containsEntry(
                        "u1", lookup.localId(integration, EntityType.USER, "u1").orElseThrow())
                .containsEntry("u9", u9);
        Map<String, UUID> records = new TreeMap<>();
        store.lookup(
                delta,
                EntityType.USER,
                List.of("u1", "u9", "u404", "k1"),
                record -> records.put(record.externalId(), record.localId()));
        assertThat(found).as("the local ids a full look-up gives").isEqualTo(records);
    }

    private static PageCommit stagedPage(RunContext run, StagedRecord... staged) {
        return new PageCommit(
                run,
                "users",
                List.of(staged),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null,
                false,
                null,
                SyncStats.EMPTY,
                false,
                "reading users");
    }

    private StagedRecord staged(
            EntityType type,
            Operation operation,
            String externalId,
            UUID localId,
            String givenName,
            @Nullable MatchedBy how) {
        ObjectNode record = JsonMapper.shared()
                .createObjectNode()
                .put("sourcedId", localId.toString())
                .put("status", "active")
                .put("dateLastModified", "2025-01-02T00:00:00Z")
                .put("givenName", givenName)
                .put("familyName", "Family")
                .put("email", externalId + "@example.org");
        return new StagedRecord(
                type,
                operation,
                externalId,
                localId,
                Checksum.of(record.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                false,
                record,
                T0.plusSeconds(60),
                how,
                null);
    }

    @Test
    void theGuardsBasesCountedAtOnceAreTheOnesCountedOneByOne() throws Exception {
        run(store, sampleDistrict(), session(SyncMode.FULL), settings);
        RunContext delta = session(SyncMode.DELTA);
        Map<EntityType, Long> bounds = new EnumMap<>(EntityType.class);
        bounds.put(EntityType.USER, PostgresSyncStore.COUNTED_INLINE + 1); // on threads of their own
        bounds.put(EntityType.ENROLLMENT, PostgresSyncStore.COUNTED_INLINE + 1);
        bounds.put(EntityType.CLASS, 1L); // on the calling thread, no further than its bound

        Map<EntityType, Long> counts = store.activeRecords(delta, bounds);

        assertThat(counts)
                .containsOnlyKeys(EntityType.USER, EntityType.ENROLLMENT, EntityType.CLASS)
                .containsEntry(EntityType.USER, 3L)
                .containsEntry(EntityType.ENROLLMENT, 4L)
                .containsEntry(EntityType.CLASS, 1L);
        bounds.forEach((type, bound) ->
                assertThat(store.activeRecords(delta, type, bound)).isEqualTo(counts.get(type)));
    }

    private void aRunKilledMidwayResumes(SyncSettings with, long appliedBeforeTheKill) throws Exception {
        RunContext run = session(SyncMode.FULL);
        SyncStore crashing = crashingAtCommit(store, 7); // the second page of users
        assertThatThrownBy(() -> run(crashing, sampleDistrict(), run, with)).isInstanceOf(SimulatedCrash.class);
        assertThat(count("select count(*) from id_mapping where integration_id = '" + integration + "'"))
                .as("applied before the kill: nothing, or a first load's committed pages")
                .isEqualTo(appliedBeforeTheKill);
        assertThat(count("select count(*) from sync_checkpoint where session_id = '" + run.sessionId() + "'"))
                .isPositive();

        FakeConnector upstream = sampleDistrict();
        RunOutcome resumed = run(store, upstream, run, with);

        assertThat(resumed.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(upstream.requests.getFirst().checkpoint())
                .as("resumed, not restarted")
                .isNotNull();
        assertThat(resumed.stats().total(s -> s.created()))
                .as("nothing doubled")
                .isEqualTo(14);
        Map<String, String> resumedRoster = roster(integration);
        assertThat(resumedRoster).hasSize(14);

        // The same upstream synced without interruption by another integration gives the same records.
        UUID other = UUID.randomUUID();
        sql("insert into integration (id, tenant_id, name, connector, current_version) values ('" + other + "', '"
                + tenant + "', 'SIS copy', 'fake', 1)");
        UUID otherSession = store.createSession(tenant, other, SyncMode.FULL, List.of(), false, "test");
        run(
                store,
                sampleDistrict(),
                new RunContext(tenant, other, otherSession, SyncMode.FULL, List.of(), false),
                with);
        assertThat(roster(other)).isEqualTo(resumedRoster);
    }

    /**
     * A delta counts its guard's bases while it applies; held, the apply is rolled back: no roster
     * row, journal entry or watermark of it, and its staged changes wait for the operator.
     */
    @Test
    void aHeldDeltaRollsItsApplyBackAndAppliesItWhenApproved() throws Exception {
        FakeConnector upstream = sampleDistrict();
        run(store, upstream, session(SyncMode.FULL), settings);
        String before = rowVersions();
        String watermarks = string("select string_agg(stream || '=' || watermark, ',' order by stream)"
                + " from sync_watermark where integration_id = '" + integration + "'");
        upstream.put(user("u1", "s1", "u1@example.org", "Renamed", T0.plusSeconds(3600)));
        upstream.put(user("u2", "s1", "u2@example.org", "Renamed", T0.plusSeconds(3600)));

        RunContext delta = session(SyncMode.DELTA);
        RunOutcome held = run(
                store,
                upstream,
                delta,
                settings.toBuilder().massChangeMinimum(1).build());

        assertThat(held.state()).isEqualTo(RunState.HELD);
        assertThat(held.guard().held()).isTrue();
        assertThat(rowVersions()).isEqualTo(before);
        assertThat(count("select count(*) from change_journal where session_id = '" + delta.sessionId() + "'"))
                .isZero();
        assertThat(string("select string_agg(stream || '=' || watermark, ',' order by stream)"
                        + " from sync_watermark where integration_id = '" + integration + "'"))
                .isEqualTo(watermarks);
        assertThat(string("select state || ' ' || (guard->>'held') || ' ' || (e.value->>'active') from sync_session,"
                        + " jsonb_array_elements(guard->'entities') e where id = '" + delta.sessionId()
                        + "' and e.value->>'entity' = 'users'"))
                .as("2 of 3 users changed: more than 20%")
                .isEqualTo("held true 3");
        assertThat(count("select count(*) from sync_staged_change where session_id = '" + delta.sessionId() + "'"))
                .isEqualTo(2);

        engine.approve(delta);

        assertThat(string("select string_agg(given_name, ',' order by email) from roster_user where tenant_id = '"
                        + tenant + "'"))
                .isEqualTo("Renamed,Renamed,Given");
        assertThat(count("select count(*) from change_journal where session_id = '" + delta.sessionId() + "'"))
                .isEqualTo(2);
        assertThat(string("select state from sync_session where id = '" + delta.sessionId() + "'"))
                .isEqualTo("succeeded");
    }

    @Test
    void aHeldRunAppliesNothingUntilApproved() throws Exception {
        FakeConnector upstream = sampleDistrict();
        run(store, upstream, session(SyncMode.FULL), settings);
        String before = rowVersions();
        upstream.remove(EntityType.USER, "u1").remove(EntityType.USER, "u2");

        RunContext run = session(SyncMode.FULL);
        SyncSettings guarded = settings.toBuilder().massChangeMinimum(1).build();
        RunOutcome held = run(store, upstream, run, guarded);

        assertThat(held.state()).isEqualTo(RunState.HELD);
        assertThat(rowVersions()).isEqualTo(before);
        assertThat(string("select state || ' ' || (guard->>'held') from sync_session where id = '" + run.sessionId()
                        + "'"))
                .isEqualTo("held true");
        assertThat(count("select count(*) from sync_staged_change where session_id = '" + run.sessionId()
                        + "' and operation = 'deleted'"))
                .as("what would change, for the operator")
                .isEqualTo(2);

        engine.approve(run);

        assertThat(string("select string_agg(status, ',' order by email) from roster_user where tenant_id = '" + tenant
                        + "'"))
                .isEqualTo("tobedeleted,tobedeleted,active");
        assertThat(string("select state from sync_session where id = '" + run.sessionId() + "'"))
                .isEqualTo("succeeded");
    }

    @Test
    void naturalKeysMatchAcrossIntegrationsAndDeadLettersKeepTheirContext() throws Exception {
        run(store, sampleDistrict(), session(SyncMode.FULL), settings);
        UUID u1 = lookup.localId(integration, EntityType.USER, "u1").orElseThrow();

        UUID lms = UUID.randomUUID();
        sql("insert into integration (id, tenant_id, name, connector, current_version) values ('" + lms + "', '"
                + tenant + "', 'LMS', 'fake', 1)");
        FakeConnector upstream = new FakeConnector()
                .put(district("x-d", T0))
                .put(user("x-1", "x-d", "U1@EXAMPLE.org", T0), user("x-2", "nowhere", "x2@example.org", T0));
        UUID session = store.createSession(tenant, lms, SyncMode.FULL, List.of(), false, "test");
        RunOutcome outcome = run(
                store,
                upstream,
                new RunContext(tenant, lms, session, SyncMode.FULL, List.of("orgs", "users"), false),
                settings.toBuilder()
                        .naturalKey(EntityType.USER, NaturalKey.EMAIL)
                        .build());

        assertThat(outcome.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(lookup.localId(lms, EntityType.USER, "x-1")).contains(u1);
        assertThat(string("select matched_by from id_mapping where integration_id = '" + lms
                        + "' and external_id = 'x-1'"))
                .isEqualTo("natural-key");
        assertThat(string("select stage || '|' || error_kind || '|' || external_id || '|' || stream || '|'"
                        + " || (payload->>'sourcedId') || '|' || error_message from dead_letter where session_id = '"
                        + session + "'"))
                .isEqualTo("resolve|reference|x-2|users|x-2|unresolved references at the end of the run:"
                        + " roles[0].org: orgs 'nowhere' is not there");
    }

    // --- helpers -----------------------------------------------------------------------------------

    /** The integration's latest session. */
    private RunContext lastSession() throws SQLException {
        UUID id = UUID.fromString(string("select id from sync_session where integration_id = '" + integration
                + "' order by created_at desc limit 1"));
        return new RunContext(tenant, integration, id, SyncMode.FULL, List.of(), false);
    }

    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated kill -9");
        }
    }

    /** The store, except that the n-th page commit never happens: the process "dies" before it. */
    private static SyncStore crashingAtCommit(SyncStore delegate, int n) {
        AtomicInteger commits = new AtomicInteger();
        return (SyncStore) Proxy.newProxyInstance(
                SyncStore.class.getClassLoader(), new Class<?>[] {SyncStore.class}, (proxy, method, args) -> {
                    if ((method.getName().equals("commitPage")
                                    || method.getName().equals("prepareCommit"))
                            && args[0] instanceof PageCommit
                            && commits.incrementAndGet() == n) {
                        throw new SimulatedCrash();
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Each record of an integration by external id: its canonical JSON with local ids mapped back. */
    private Map<String, String> roster(UUID of) throws SQLException {
        Map<String, String> records = new TreeMap<>();
        for (EntityTable table : EntityTable.values()) {
            try (Connection connection = dataSource.getConnection();
                    ResultSet rows = connection
                            .createStatement()
                            .executeQuery("select m.external_id, r.status, encode(r.checksum, 'hex') from id_mapping m"
                                    + " join " + table.table + " r on r.id = m.local_id where m.integration_id = '" + of
                                    + "' and m.entity_type = '" + table.wireName + "'")) {
                while (rows.next()) {
                    records.put(table.wireName + "/" + rows.getString(1), rows.getString(2) + " " + rows.getString(3));
                }
            }
        }
        return records;
    }

    /** Every roster row's id and transaction id: equal before and after only when no row was rewritten. */
    private String rowVersions() throws SQLException {
        List<String> versions = new ArrayList<>();
        for (EntityTable table : EntityTable.values()) {
            versions.add(string("select coalesce(string_agg(id || ':' || xmin, ',' order by id), '') from "
                    + table.table + " where tenant_id = '" + tenant + "'"));
        }
        return String.join("\n", versions);
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute(statement);
        }
    }

    private static long count(String query) throws SQLException {
        return Long.parseLong(string(query));
    }

    private static String string(String query) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection.createStatement().executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            return rows.getString(1);
        }
    }
}
