package dev.rollcall.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollcall.bench.webhooks.RollcallProcess;
import dev.rollcall.simulator.webhook.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rollcall killed with SIGKILL (its JVM and its embedded PostgreSQL, as a power cut would) in the
 * middle of a burst of signed webhook deliveries, then started again on the same data: every event
 * that was acknowledged is applied exactly once, every re-sent event is a no-op duplicate, and
 * nothing that was not committed to the inbox is applied.
 *
 * <p>What "unacknowledged" can mean at a kill: a request whose event was never committed (it is not
 * applied, and its re-send is accepted and applied once), or one whose commit happened but whose
 * answer never left the process (no system can tell the sender; it is applied once, and the
 * sender's re-send is answered as a duplicate). The test checks that the second kind is no more
 * than the requests in flight at the kill.
 *
 * <p>The built jar ({@code target/rollcall.jar}, packaged before the integration tests run) is
 * started as its own process, with a 5 s inbox lease so that events a killed worker held are
 * taken again soon after the restart.
 */
class WebhookCrashIT {

    private static final Logger log = LoggerFactory.getLogger(WebhookCrashIT.class);
    private static final Path JAR = Path.of("target", "rollcall.jar");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SENDERS = 16;
    private static final int ACKS_BEFORE_KILL = 1_500;

    private enum Outcome {
        ACCEPTED,
        NO_ANSWER
    }

    private final AtomicInteger resends = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void everyAcknowledgedEventIsAppliedExactlyOnceAfterAKillDuringABurst() throws Exception {
        RollcallProcess first =
                RollcallProcess.start(JAR, "768m", Duration.ofMinutes(3), "--rollcall.webhooks.lease=5s");
        Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        String integrationId;
        String endpointPath;
        String secret;
        try {
            integrationId = post(
                            first,
                            "/api/v1/integrations",
                            "{\"name\":\"crash\",\"connector\":\"oneroster\",\"config\":{\"profile\":\"oneroster-1.2\","
                                    + "\"baseUrl\":\"http://127.0.0.1:9\",\"tokenUrl\":\"/oauth2/token\","
                                    + "\"clientId\":\"crash\",\"clientSecret\":\"crash-secret\"}}")
                    .get("id")
                    .asString();
            JsonNode endpoint = post(
                    first,
                    "/api/v1/integrations/" + integrationId + "/webhook-endpoints",
                    "{\"scheme\":\"standard-webhooks\"}");
            endpointPath = URI.create(endpoint.get("url").asString()).getPath();
            secret = endpoint.get("secret").asString();
            burstThenKill(first, endpointPath, secret, outcomes);
        } catch (Exception | AssertionError e) {
            first.close();
            throw e;
        }

        try (RollcallProcess second = first.restart(Duration.ofMinutes(3))) {
            List<String> acked = ids(outcomes, Outcome.ACCEPTED);
            List<String> unanswered = ids(outcomes, Outcome.NO_ANSWER);
            log.info("before the kill: {} acknowledged, {} without an answer", acked.size(), unanswered.size());
            assertThat(acked).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
            assertThat(resends.get()).as("duplicates re-sent during the burst").isPositive();

            awaitInboxDrained(second, integrationId);
            log.info(
                    "webhook sessions the kill interrupted (failed as abandoned after the restart): {}",
                    query(
                            second,
                            "select 'abandoned', count(*) from sync_session where integration_id = ?::uuid"
                                    + " and error ->> 'kind' = 'abandoned'",
                            integrationId));
            Map<String, Integer> applied = journalEntriesByEvent(second, integrationId);
            Map<String, String> inbox = inboxStatusByEvent(second, integrationId);
            for (String id : acked) {
                assertThat(inbox).as("inbox row of acknowledged %s", id).containsKey(id);
                assertThat(applied.get(id))
                        .as("journal entries of acknowledged %s", id)
                        .isEqualTo(1);
            }
            List<String> committedUnanswered = new ArrayList<>();
            for (String id : unanswered) {
                if (inbox.containsKey(id)) {
                    committedUnanswered.add(id);
                    assertThat(applied.get(id)).as("journal entries of %s", id).isEqualTo(1);
                } else {
                    assertThat(applied)
                            .as("%s was never committed, so never applied", id)
                            .doesNotContainKey(id);
                }
            }
            assertThat(committedUnanswered).hasSizeLessThanOrEqualTo(SENDERS);
            assertThat(applied.keySet()).as("nothing applied that was not sent").allMatch(outcomes::containsKey);

            // The senders' retries: everything again. Committed events are duplicates; the rest are new.
            for (Map.Entry<String, Outcome> event : outcomes.entrySet()) {
                int status = send(second, endpointPath, secret, event.getKey());
                assertThat(status)
                        .as("re-send of %s", event.getKey())
                        .isEqualTo(inbox.containsKey(event.getKey()) ? 200 : 202);
            }
            awaitInboxDrained(second, integrationId);
            Map<String, Integer> after = journalEntriesByEvent(second, integrationId);
            assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(outcomes.keySet());
            assertThat(after.values()).as("each event applied exactly once").allMatch(count -> count == 1);
            log.info(
                    "after the restart: {} events applied exactly once ({} committed but unanswered at the kill)",
                    after.size(),
                    committedUnanswered.size());
        }
    }

    /** Sends new events (and some re-sends) from {@link #SENDERS} clients; kills Rollcall mid-burst. */
    private void burstThenKill(RollcallProcess rollcall, String path, String secret, Map<String, Outcome> outcomes)
            throws Exception {
        AtomicInteger sequence = new AtomicInteger();
        AtomicInteger acks = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch enough = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(SENDERS);
        for (int i = 0; i < SENDERS; i++) {
            Thread.ofVirtual().start(() -> {
                String lastAccepted = null;
                int sent = 0;
                try {
                    while (true) {
                        if (lastAccepted != null && ++sent % 10 == 0) {
                            // a sender retrying an event it already had answered: a duplicate, no effect
                            int status = send(rollcall, path, secret, lastAccepted);
                            if (status != 200) {
                                throw new AssertionError("re-send of " + lastAccepted + " answered " + status);
                            }
                            resends.incrementAndGet();
                        }
                        String id = "evt_" + sequence.incrementAndGet();
                        outcomes.put(id, Outcome.NO_ANSWER);
                        int status = send(rollcall, path, secret, id);
                        if (status != 202) {
                            throw new AssertionError("event " + id + " answered " + status + ", not 202");
                        }
                        outcomes.put(id, Outcome.ACCEPTED);
                        lastAccepted = id;
                        if (acks.incrementAndGet() >= ACKS_BEFORE_KILL) {
                            enough.countDown();
                        }
                    }
                } catch (IOException killed) {
                    // the process is gone: this sender's last event stays NO_ANSWER
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    enough.countDown();
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(enough.await(3, java.util.concurrent.TimeUnit.MINUTES))
                .as("%d events acknowledged", ACKS_BEFORE_KILL)
                .isTrue();
        rollcall.kill();
        assertThat(done.await(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        if (failure.get() != null) {
            throw new AssertionError("a sender failed before the kill", failure.get());
        }
    }

    private int send(RollcallProcess rollcall, String path, String secret, String id) throws Exception {
        byte[] body = event(id).getBytes(StandardCharsets.UTF_8);
        long timestamp = Instant.now().getEpochSecond();
        HttpResponse<Void> response = http.send(
                HttpRequest.newBuilder(rollcall.base().resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("webhook-id", id)
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", WebhookSignature.sign(secret, id, timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

    /** A new school per event; its sourced id is the event id, so the roster tells which events applied. */
    private static String event(String id) {
        return "{\"type\":\"org.created\",\"timestamp\":\"2026-11-22T10:00:00.000Z\",\"data\":{\"sourcedId\":\""
                + id + "\",\"entity\":\"orgs\",\"record\":{\"sourcedId\":\"" + id + "\",\"status\":\"active\","
                + "\"dateLastModified\":\"2026-11-22T10:00:00.000Z\",\"name\":\"School " + id
                + "\",\"type\":\"school\"}}}";
    }

    private static JsonNode post(RollcallProcess rollcall, String path, String body) throws Exception {
        return JSON.readTree(rollcall.adminPost(path, body, 201));
    }

    private static List<String> ids(Map<String, Outcome> outcomes, Outcome wanted) {
        return outcomes.entrySet().stream()
                .filter(entry -> entry.getValue() == wanted)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static void awaitInboxDrained(RollcallProcess rollcall, String integrationId) {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(query(
                                rollcall,
                                "select status, count(*) from webhook_event where integration_id = ?::uuid"
                                        + " group by status",
                                integrationId))
                        .as("inbox by status")
                        .allSatisfy((status, count) -> assertThat(status).isIn("applied", "ignored")));
    }

    /** Per event id (the org's sourced id): the journal entries of the record it maps to. */
    private static Map<String, Integer> journalEntriesByEvent(RollcallProcess rollcall, String integrationId)
            throws Exception {
        Map<String, String> rows = query(rollcall, """
                select m.external_id,
                       (select count(*) from change_journal j where j.tenant_id = m.tenant_id and j.record_id = m.local_id)
                from id_mapping m
                where m.integration_id = ?::uuid
                """, integrationId);
        Map<String, Integer> counts = new HashMap<>();
        rows.forEach((id, count) -> counts.put(id, Integer.parseInt(count)));
        return counts;
    }

    private static Map<String, String> inboxStatusByEvent(RollcallProcess rollcall, String integrationId)
            throws Exception {
        return query(
                rollcall, "select event_key, status from webhook_event where integration_id = ?::uuid", integrationId);
    }

    /** Two-column rows as a map; a key seen twice fails (a doubled mapping or inbox row). */
    private static Map<String, String> query(RollcallProcess rollcall, String sql, String parameter) throws Exception {
        Map<String, String> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(rollcall.jdbcUrl(), "postgres", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String previous = rows.put(result.getString(1), result.getString(2));
                    assertThat(previous).as("rows for %s", result.getString(1)).isNull();
                }
            }
        }
        return rows;
    }
}
