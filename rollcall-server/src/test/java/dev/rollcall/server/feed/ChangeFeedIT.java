package dev.rollcall.server.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import dev.rollcall.server.support.TenantFixture;
import dev.rollcall.store.postgres.ChangeJournalLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The change feed, its retention and point-in-time reads, over real HTTP and PostgreSQL. */
class ChangeFeedIT extends ServerTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    JournalRetention retention;

    private TenantFixture tenant;
    private Api admin;

    @BeforeEach
    void tenant() {
        tenant = new TenantFixture(jdbc);
        admin = api().withToken(tenant.adminToken);
    }

    @Test
    void aPollingReaderNeverSkipsNorRepeatsAChangeWhileWritersCommitConcurrently() throws Exception {
        int writers = 4;
        int transactions = 40;
        List<UUID> written = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            running.add(pool.submit(() -> {
                for (int t = 0; t < transactions; t++) {
                    written.addAll(writeTransaction(1 + (writer + t) % 4));
                }
                return null;
            }));
        }
        List<String> read = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = "0";
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            boolean done = running.stream().allMatch(Future::isDone);
            Api.Response page = admin.get("/api/v1/changes?after=" + cursor + "&limit=7");
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            for (JsonNode item : page.json().get("items")) {
                read.add(item.get("id").asString());
                assertThat(cursors.add(item.get("cursor").asString()))
                        .as("cursor seen twice")
                        .isTrue();
            }
            cursor = page.json().get("next").asString();
            if (done && page.json().get("items").isEmpty()) {
                break;
            }
        }
        for (Future<?> writer : running) {
            writer.get();
        }
        pool.shutdown();
        List<String> committed = jdbc.sql(
                        "select record_id::text from change_journal where tenant_id = :t order by seq")
                .param("t", tenant.tenantId)
                .query(String.class)
                .list();
        assertThat(committed).hasSize(written.size());
        assertThat(read).as("the feed, read while writers ran").containsExactlyElementsOf(committed);
    }

    /** One writer transaction: the journal lock, then {@code rows} entries, held open a little before commit. */
    private List<UUID> writeTransaction(int rows) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            ChangeJournalLock.acquire(connection, tenant.tenantId);
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into change_journal (tenant_id, entity_type, record_id, operation, record, cause)
                    values (?, 'user', ?, 'created', '{}'::jsonb, 'test')""")) {
                for (int i = 0; i < rows; i++) {
                    UUID id = UUID.randomUUID();
                    insert.setObject(1, tenant.tenantId);
                    insert.setObject(2, id);
                    insert.executeUpdate();
                    ids.add(id);
                }
            }
            // Widens the window between taking seqs and committing, where a reader could skip one.
            try (PreparedStatement pause = connection.prepareStatement("select pg_sleep(random() * 0.004)")) {
                pause.execute();
            }
            connection.commit();
        }
        return ids;
    }

    @Test
    void theFeedPagesWithCursorsAndRefusesABadOne() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        tenant.journal("user", a, "created", "{\"sourcedId\":\"" + a + "\",\"givenName\":\"Ada\"}", Instant.now());
        tenant.journal("org", b, "updated", "{\"sourcedId\":\"" + b + "\"}", Instant.now());
        Api.Response first = admin.get("/api/v1/changes?limit=1");
        assertThat(first.status()).isEqualTo(200);
        JsonNode item = first.json().get("items").get(0);
        assertThat(item.get("entityType").asString()).isEqualTo("user");
        assertThat(item.get("id").asString()).isEqualTo(a.toString());
        assertThat(item.get("operation").asString()).isEqualTo("created");
        assertThat(item.get("record").get("givenName").asString()).isEqualTo("Ada");
        assertThat(item.get("changedFields").get(0).asString()).isEqualTo("status");
        assertThat(item.get("cause").asString()).isEqualTo("test");
        assertThat(item.get("occurredAt").asString()).isNotBlank();
        String next = first.json().get("next").asString();
        assertThat(next).isEqualTo(item.get("cursor").asString());

        JsonNode second = admin.get("/api/v1/changes?after=" + next).json();
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("items").get(0).get("id").asString()).isEqualTo(b.toString());
        JsonNode end = admin.get("/api/v1/changes?after=" + second.get("next").asString())
                .json();
        assertThat(end.get("items")).isEmpty();
        assertThat(end.get("next").asString()).isEqualTo(second.get("next").asString());

        Api.Response bad = admin.get("/api/v1/changes?after=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("\"after\"");
        assertThat(admin.get("/api/v1/changes?limit=0").status()).isEqualTo(400);
        assertThat(anonymous().get("/api/v1/changes").status()).isEqualTo(401);
        assertThat(api().get("/api/v1/changes").json().get("items").toString())
                .as("another tenant's feed")
                .doesNotContain(a.toString());
    }

    @Test
    void pointInTimeReadsRebuildTheRosterFromTheJournal() {
        UUID ada = UUID.randomUUID();
        UUID alan = UUID.randomUUID();
        Instant t1 = Instant.parse("2024-01-01T00:00:00Z");
        tenant.journal("user", ada, "created", user(ada, "Ada"), t1);
        tenant.journal("user", alan, "created", user(alan, "Alan"), t1.plusSeconds(10));
        tenant.journal("user", ada, "updated", user(ada, "Augusta Ada"), t1.plusSeconds(20));
        tenant.journal("user", alan, "deleted", user(alan, "Alan"), t1.plusSeconds(30));

        assertThat(names("2023-12-31T00:00:00Z")).isEmpty();
        assertThat(names("2024-01-01T00:00:10Z")).containsExactlyInAnyOrder("Ada", "Alan");
        assertThat(names("2024-01-01T00:00:25Z")).containsExactlyInAnyOrder("Augusta Ada", "Alan");
        assertThat(names("2024-01-01T00:01:00Z")).containsExactly("Augusta Ada");

        JsonNode paged = admin.get("/api/v1/roster/users?asOf=2024-01-01T00:00:10Z&limit=1")
                .json();
        assertThat(paged.get("items")).hasSize(1);
        String after = paged.get("next").asString();
        JsonNode rest = admin.get("/api/v1/roster/users?asOf=2024-01-01T00:00:10Z&limit=1&after=" + after)
                .json();
        assertThat(rest.get("items")).hasSize(1);
        assertThat(rest.get("items").get(0).get("sourcedId").asString())
                .isNotEqualTo(paged.get("items").get(0).get("sourcedId").asString());

        assertThat(admin.get("/api/v1/roster/users").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/roster/users?asOf=yesterday").text()).contains("\"asOf\"");
        assertThat(admin.get("/api/v1/roster/pets?asOf=2024-01-01T00:00:00Z").text())
                .contains("\"entity\"");
    }

    @Test
    void anEntryWhoseRecordIsItsRosterRowsReadsAsIfItCarriedIt() {
        // A first load writes its creates this way: no copy of the record in the journal, the roster
        // row's instead (V8__journal_record_in_roster.sql).
        UUID grace = UUID.randomUUID();
        jdbc.sql("""
                        insert into roster_user (id, tenant_id, status, checksum, record, given_name)
                        values (:id, :tenant, 'active', '\\x00', cast(:record as jsonb), 'Grace')""")
                .param("id", grace)
                .param("tenant", tenant.tenantId)
                .param("record", user(grace, "Grace"))
                .update();
        jdbc.sql("""
                        insert into change_journal (tenant_id, entity_type, record_id, operation, changed_fields,
                            record_in_roster, cause, occurred_at)
                        values (:tenant, 'user', :id, 'created', '{givenName,sourcedId,status}', true, 'sync',
                            '2024-01-01T00:00:00Z')""").param("tenant", tenant.tenantId).param("id", grace).update();

        JsonNode item = admin.get("/api/v1/changes").json().get("items").get(0);
        assertThat(item.get("id").asString()).isEqualTo(grace.toString());
        assertThat(item.get("record").get("givenName").asString()).isEqualTo("Grace");
        assertThat(names("2024-01-01T00:00:01Z")).containsExactly("Grace");

        // A later change leaves the entry as it is and carries the record before it
        // (V11__journal_previous_record.sql), as the sync's apply writes it.
        jdbc.sql("""
                        insert into change_journal (tenant_id, entity_type, record_id, operation, changed_fields,
                            record, previous_record, cause, occurred_at)
                        select tenant_id, 'user', id, 'updated', '{givenName}', cast(:record as jsonb), record,
                            'sync', '2024-02-01T00:00:00Z'
                        from roster_user where id = :id""")
                .param("record", user(grace, "Grace Hopper"))
                .param("id", grace)
                .update();
        jdbc.sql("update roster_user set record = cast(:record as jsonb), given_name = 'Grace Hopper' where id = :id")
                .param("record", user(grace, "Grace Hopper"))
                .param("id", grace)
                .update();

        assertThat(admin.get("/api/v1/changes")
                        .json()
                        .get("items")
                        .valueStream()
                        .map(change -> change.get("record").get("givenName").asString()))
                .containsExactly("Grace", "Grace Hopper");
        assertThat(names("2024-01-01T00:00:01Z")).containsExactly("Grace");
        assertThat(names("2024-02-01T00:00:01Z")).containsExactly("Grace Hopper");
    }

    @Test
    void retentionCompactsTheJournalAndOlderCursorsGetA410() {
        UUID ada = UUID.randomUUID();
        UUID alan = UUID.randomUUID();
        Instant old = Instant.parse("2020-01-01T00:00:00Z");
        tenant.journal("user", ada, "created", user(ada, "Ada"), old);
        tenant.journal("user", ada, "updated", user(ada, "Augusta Ada"), old.plusSeconds(10));
        tenant.journal("user", alan, "created", user(alan, "Alan"), old.plusSeconds(20));
        tenant.journal("user", alan, "deleted", user(alan, "Alan"), old.plusSeconds(30));
        UUID grace = UUID.randomUUID();
        tenant.journal("user", grace, "created", user(grace, "Grace"), Instant.parse("2024-01-01T00:00:00Z"));
        String firstCursor =
                admin.get("/api/v1/changes?limit=1").json().get("next").asString();

        assertThat(retention.purge(tenant.tenantId, Instant.parse("2021-01-01T00:00:00Z")))
                .isEqualTo(3);

        Api.Response expired = admin.get("/api/v1/changes?after=" + firstCursor);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.contentType()).contains("problem+json");
        assertThat(expired.text()).contains("\"after\"");
        JsonNode fromStart = admin.get("/api/v1/changes").json();
        assertThat(fromStart.get("items").valueStream().map(item -> item.get("record")
                        .get("givenName")
                        .asString()))
                .containsExactly("Augusta Ada", "Grace");
        assertThat(names("2022-01-01T00:00:00Z")).containsExactly("Augusta Ada");
        assertThat(admin.get("/api/v1/roster/users?asOf=2020-06-01T00:00:00Z").status())
                .isEqualTo(410);
        assertThat(retention.purge(tenant.tenantId, Instant.parse("2021-01-01T00:00:00Z")))
                .isZero();
    }

    private List<String> names(String asOf) {
        Api.Response response = admin.get("/api/v1/roster/users?asOf=" + asOf);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json()
                .get("items")
                .valueStream()
                .map(record -> record.get("givenName").asString())
                .toList();
    }

    private static String user(UUID id, String name) {
        return "{\"sourcedId\":\"" + id + "\",\"status\":\"active\",\"givenName\":\"" + name + "\"}";
    }
}
