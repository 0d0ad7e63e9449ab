package dev.rollcall.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.engine.sync.SyncMode;
import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import dev.rollcall.server.support.TenantFixture;
import dev.rollcall.simulator.Simulator;
import dev.rollcall.simulator.data.Scale;
import dev.rollcall.simulator.http.Dialect;
import dev.rollcall.store.postgres.sync.PostgresSyncStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sync engine end to end, in the server: an {@code oneroster} integration with the {@code
 * timeback} profile reads the simulator (TimeBack dialect, {@code district} scale: 20,000 users,
 * 2,000 classes, 200,000 enrollments) over real HTTP through the gateway; runs go through the API and
 * db-scheduler into the embedded PostgreSQL. Rollcall's roster is compared with the simulator's
 * record for record: every external id with the checksum of its canonical record and its status,
 * and a sample field by field through the mapping ledger.
 */
class SimulatorSyncIT extends ServerTestSupport {

    private static final Logger log = LoggerFactory.getLogger(SimulatorSyncIT.class);
    private static final Scale SCALE = Scale.DISTRICT;
    private static final int PAGE_SIZE = 3_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    PostgresSyncStore store;

    @Autowired
    SyncRunner runner;

    private Simulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = Simulator.start(
                Simulator.Options.defaults().withPort(0).withScale(SCALE).withDialect(Dialect.TIMEBACK));
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void aFullSyncEqualsTheSimulatorASecondWritesNothingAndADeltaAppliesExactlyTheChange() {
        TenantFixture tenant = new TenantFixture(jdbc);
        Api api = api().withToken(tenant.adminToken);
        UUID integration = createIntegration(api);
        // Every generated record carries the simulator's base time, as no real roster does; one
        // change per collection moves each stream's watermark past it, so that the delta below
        // reads what changed since, not everything at the base time again.
        for (EntityType type : EntityType.values()) {
            admin("POST", "/admin/changes", "{\"collection\": \"" + type.collection() + "\", \"update\": 1}");
        }
        RosterSnapshot upstream = RosterSnapshot.of(simulator);

        JsonNode first = runToEnd(api, integration, "full");
        RosterSnapshot.of(jdbc, integration).assertEquals(upstream);
        for (EntityType type : EntityType.values()) {
            long size = upstream.entities().get(type).size();
            assertThat(stats(first, type).path("created").asLong())
                    .as("%s created", type.collection())
                    .isEqualTo(size);
            assertThat(stats(first, type).path("read").asLong()).isEqualTo(size);
        }
        int compared = RosterSnapshot.assertRecordsMatch(jdbc, integration, simulator, 97);
        assertThat(compared).isGreaterThan(2_000);
        assertThat(journalEntries(first)).isEqualTo(upstream.size());

        Map<String, String> before = RosterSnapshot.rowVersions(jdbc, tenant.tenantId);
        JsonNode second = runToEnd(api, integration, "full");
        for (EntityType type : EntityType.values()) {
            JsonNode counts = stats(second, type);
            assertThat(List.of(
                            counts.path("created").asLong(),
                            counts.path("updated").asLong(),
                            counts.path("deleted").asLong()))
                    .as("%s created, updated, deleted by a resync of an unchanged upstream", type.collection())
                    .containsOnly(0L);
            assertThat(counts.path("unchanged").asLong())
                    .isEqualTo(upstream.entities().get(type).size());
        }
        assertThat(RosterSnapshot.rowVersions(jdbc, tenant.tenantId))
                .as("every roster row's xmin and date_last_modified")
                .isEqualTo(before);
        assertThat(journalEntries(second)).isZero();

        Map<EntityType, Change> changes = changeOnePercent();
        JsonNode delta = runToEnd(api, integration, "delta");
        long changed = 0;
        for (EntityType type : EntityType.values()) {
            Change change = changes.get(type);
            JsonNode counts = stats(delta, type);
            assertThat(List.of(
                            counts.path("created").asLong(),
                            counts.path("updated").asLong(),
                            counts.path("deleted").asLong()))
                    .as("%s created, updated, deleted by the delta", type.collection())
                    .containsExactly(
                            (long) change.added().size(),
                            (long) change.updated().size(),
                            (long) change.softDeleted().size());
            changed += change.total();
        }
        assertThat(journalEntries(delta)).isEqualTo(changed);
        assertThat(delta.path("stats").findValues("read").stream()
                        .mapToLong(JsonNode::asLong)
                        .sum())
                .as("a delta reads the changes and its overlap window, not the roster")
                .isLessThan(upstream.size() / 20);
        RosterSnapshot.of(jdbc, integration).assertEquals(RosterSnapshot.of(simulator));
        RosterSnapshot.assertRecordsMatch(jdbc, integration, simulator, 97);
    }

    @Test
    void aRunKilledMidwayResumesFromItsCheckpointAndEndsWithTheRosterOfAnUninterruptedOne() throws Exception {
        TenantFixture tenant = new TenantFixture(jdbc);
        Api api = api().withToken(tenant.adminToken);
        UUID integration = createIntegration(api);
        UUID session =
                store.createSession(tenant.tenantId, integration, SyncMode.FULL, List.of(), false, "SimulatorSyncIT");

        // Slow pages, so that the kill lands in the middle of the enrollments.
        admin("PUT", "/admin/faults", "{\"latencyMillis\": 150}");
        Process worker = startWorker(tenant.tenantId, integration, session);
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> committedPages(session, "enrollments") >= 3);
        } finally {
            worker.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback but PostgreSQL's own
            worker.waitFor(60, TimeUnit.SECONDS);
        }
        admin("PUT", "/admin/faults", "{}");
        int pagesAtKill = committedPages(session, "enrollments");
        assertThat(pagesAtKill).as("pages committed at the kill").isBetween(3, pages("enrollments") - 1);
        assertThat(sessionState(session)).isEqualTo("running");
        // A first load applies each page with its checkpoint (issue 5: per page, in one transaction, the
        // records, the mappings, the journal entries and the checkpoint): what the kill left is exactly
        // the committed pages, each record once.
        long appliedAtKill = RosterSnapshot.of(jdbc, integration).size();
        assertThat(appliedAtKill).as("the committed pages are in the roster").isPositive();
        assertThat(count("select count(*) from change_journal where session_id = :id", session))
                .as("one journal entry per applied record")
                .isEqualTo(appliedAtKill);

        // What a Rollcall instance does when db-scheduler revives the dead execution.
        runner.execute(session);

        assertThat(sessionState(session)).isEqualTo("succeeded");
        RosterSnapshot upstream = RosterSnapshot.of(simulator);
        RosterSnapshot resumed = RosterSnapshot.of(jdbc, integration);
        resumed.assertEquals(upstream);
        assertThat(committedPages(session, "enrollments"))
                .as("each page committed once: the run went on from its checkpoint")
                .isEqualTo(pages("enrollments"));
        JsonNode stats = JSON.readTree(jdbc.sql("select progress::text from sync_session where id = :id")
                .param("id", session)
                .query(String.class)
                .single());
        for (EntityType type : EntityType.values()) {
            long size = upstream.entities().get(type).size();
            assertThat(stats.path(type.collection()).path("read").asLong())
                    .as("%s read across the kill: nothing lost, nothing twice", type.collection())
                    .isEqualTo(size);
            assertThat(stats.path(type.collection()).path("created").asLong()).isEqualTo(size);
        }
        assertThat(count("select count(*) from change_journal where session_id = :id", session))
                .isEqualTo(upstream.size());
        assertThat(count(
                        "select count(*) from id_mapping where integration_id = :id and valid_to is null", integration))
                .isEqualTo(upstream.size());
        RosterSnapshot.assertRecordsMatch(jdbc, integration, simulator, 199);

        // The same upstream synced without interruption, by another tenant.
        TenantFixture other = new TenantFixture(jdbc);
        Api otherApi = api().withToken(other.adminToken);
        UUID uninterrupted = createIntegration(otherApi);
        runToEnd(otherApi, uninterrupted, "full");
        resumed.assertEquals(RosterSnapshot.of(jdbc, uninterrupted));
    }

    // --- runs ----------------------------------------------------------------------------------------

    private UUID createIntegration(Api api) {
        Api.Response created = api.post(
                "/api/v1/integrations",
                Map.of(
                        "name",
                        "Simulator " + UUID.randomUUID(),
                        "connector",
                        "oneroster",
                        "config",
                        Map.of(
                                "profile",
                                "timeback",
                                "baseUrl",
                                simulator.baseUrl().toString(),
                                "tokenUrl",
                                "/oauth2/token",
                                "clientId",
                                "demo",
                                "clientSecret",
                                "demo-secret")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().path("id").asString());
        Api.Response schedule = api.put(
                "/api/v1/integrations/" + id + "/sync-schedule", Map.of("settings", Map.of("pageSize", PAGE_SIZE)));
        assertThat(schedule.status()).as(schedule.text()).isEqualTo(200);
        return id;
    }

    /** Starts a run through the API and waits for it to succeed; returns the finished session. */
    private JsonNode runToEnd(Api api, UUID integration, String mode) {
        long started = System.nanoTime();
        Api.Response response = api.post("/api/v1/integrations/" + integration + "/syncs", Map.of("mode", mode));
        assertThat(response.status()).as(response.text()).isEqualTo(202);
        String session = response.json().path("id").asString();
        JsonNode done = await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/v1/syncs/" + session).json(), json -> List.of(
                                "succeeded", "failed", "cancelled", "held")
                        .contains(json.path("state").asString()));
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("succeeded");
        log.info(
                "{} sync of the {} simulator: {} ms, {}",
                mode,
                SCALE,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                done.path("stats"));
        return done;
    }

    private static JsonNode stats(JsonNode session, EntityType type) {
        return session.path("stats").path(type.collection());
    }

    private long journalEntries(JsonNode session) {
        return count(
                "select count(*) from change_journal where session_id = :id",
                UUID.fromString(session.path("id").asString()));
    }

    private long count(String sql, UUID id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }

    private String sessionState(UUID session) {
        return jdbc.sql("select state from sync_session where id = :id")
                .param("id", session)
                .query(String.class)
                .single();
    }

    private int committedPages(UUID session, String stream) {
        return jdbc.sql(
                        "select coalesce(max(pages), 0) from sync_checkpoint where session_id = :id and stream = :stream")
                .param("id", session)
                .param("stream", stream)
                .query(Integer.class)
                .single();
    }

    /**
     * The pages a full read of the collection takes: the first holds {@link #PAGE_SIZE} records, each
     * later one asks again for the connector's default page overlap (a twentieth of the page, at most
     * 100) and so brings that many fewer new records.
     */
    private int pages(String collection) {
        int size = simulator.roster().size(collection);
        int overlap = Math.max(1, Math.min(100, PAGE_SIZE / 20));
        return size <= PAGE_SIZE ? 1 : 1 + (size - PAGE_SIZE + PAGE_SIZE - overlap - 1) / (PAGE_SIZE - overlap);
    }

    // --- the simulator's admin API -------------------------------------------------------------------

    /**
     * What the simulator changed in one collection, as Rollcall must see it: a record both updated
     * and soft-deleted (the simulator's picks may overlap) is a delete.
     */
    private record Change(Set<String> updated, Set<String> softDeleted, Set<String> added) {
        static Change of(JsonNode answer) {
            Set<String> softDeleted = ids(answer.path("softDeleted"));
            Set<String> updated = ids(answer.path("updated"));
            updated.removeAll(softDeleted);
            return new Change(updated, softDeleted, ids(answer.path("added")));
        }

        private static Set<String> ids(JsonNode array) {
            Set<String> ids = new HashSet<>();
            array.forEach(id -> ids.add(id.asString()));
            return ids;
        }

        long total() {
            return updated.size() + softDeleted.size() + added.size();
        }
    }

    /** Changes 1% of each collection: 0.8% updated, 0.1% soft-deleted, 0.1% added (at least one each). */
    private Map<EntityType, Change> changeOnePercent() {
        Map<EntityType, Change> changes = new EnumMap<>(EntityType.class);
        for (EntityType type : EntityType.values()) {
            int size = simulator.roster().size(type.collection());
            int tenth = Math.max(1, size / 1_000);
            int updates = Math.max(1, size / 100 - 2 * tenth);
            if (type == EntityType.DEMOGRAPHICS) {
                // a demographics record is its user's: only updates keep the two consistent
                JsonNode answer = admin(
                        "POST",
                        "/admin/changes",
                        "{\"collection\": \"demographics\", \"update\": " + (updates + 2 * tenth) + "}");
                changes.put(type, Change.of(answer));
                continue;
            }
            JsonNode answer = admin(
                    "POST",
                    "/admin/changes",
                    "{\"collection\": \"" + type.collection() + "\", \"update\": " + updates + ", \"softDelete\": "
                            + tenth + ", \"add\": " + tenth + "}");
            changes.put(type, Change.of(answer));
        }
        return changes;
    }

    private JsonNode admin(String method, String path, String body) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                            .method(method, HttpRequest.BodyPublishers.ofString(body))
                            .header("Content-Type", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as(method + " " + path + ": " + response.body())
                    .isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- the child JVM ---------------------------------------------------------------------------------

    private Process startWorker(UUID tenant, UUID integration, UUID session) throws Exception {
        String url;
        String user;
        try (var connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
            user = connection.getMetaData().getUserName();
        }
        Process worker = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        KillableSyncWorker.class.getName(),
                        url,
                        user,
                        tenant.toString(),
                        integration.toString(),
                        session.toString(),
                        simulator.baseUrl().toString(),
                        Integer.toString(PAGE_SIZE))
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            log.info("[killable worker] {}", line);
                            if (line.equals(KillableSyncWorker.STARTED)) {
                                started.complete(null);
                            }
                        }
                    } catch (IOException e) {
                        started.completeExceptionally(e);
                    }
                    started.completeExceptionally(new IllegalStateException("the worker ended before it started"));
                },
                "killable-worker-output");
        pump.setDaemon(true);
        pump.start();
        try {
            started.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            worker.destroyForcibly();
            throw e;
        }
        return worker;
    }
}
