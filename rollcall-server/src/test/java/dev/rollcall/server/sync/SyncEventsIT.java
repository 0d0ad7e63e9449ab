package dev.rollcall.server.sync;

import static dev.rollcall.engine.sync.Records.T0;
import static dev.rollcall.engine.sync.Records.course;
import static dev.rollcall.engine.sync.Records.district;
import static dev.rollcall.engine.sync.Records.enrollment;
import static dev.rollcall.engine.sync.Records.rosterClass;
import static dev.rollcall.engine.sync.Records.school;
import static dev.rollcall.engine.sync.Records.term;
import static dev.rollcall.engine.sync.Records.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollcall.engine.sync.FakeConnector;
import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import dev.rollcall.server.testconnector.TestRosters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A session followed live: server-sent events push each change of the session until it ends. */
class SyncEventsIT extends ServerTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theStreamPushesProgressAndEndsWithTheFinalState() throws Exception {
        String baseUrl = "https://roster.test/" + UUID.randomUUID();
        Semaphore gate = new Semaphore(1);
        TestRosters.serveGated(
                baseUrl,
                new FakeConnector()
                        .put(district("d1", T0), school("s1", "d1", T0))
                        .put(term("t1", T0))
                        .put(course("c1", "d1", T0))
                        .put(rosterClass("k1", "c1", "s1", "t1", T0))
                        .put(user("u1", "s1", "u1@example.org", T0))
                        .put(enrollment("e1", "u1", "k1", "s1", T0)),
                gate);
        Api.Response created = api().post(
                        "/api/v1/integrations",
                        Map.of(
                                "name",
                                "SSE " + UUID.randomUUID(),
                                "connector",
                                "test",
                                "config",
                                Map.of("apiKey", "k-" + UUID.randomUUID(), "baseUrl", baseUrl)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Api.Response started = api().post(
                        "/api/v1/integrations/" + created.json().get("id").asString() + "/syncs",
                        Map.of("mode", "full"));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String session = started.json().get("id").asString();

        List<JsonNode> events = new CopyOnWriteArrayList<>();
        HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/syncs/" + session + "/events"))
                                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    assertThat(response.headers().firstValue("Content-Type").orElse(""))
                            .startsWith("text/event-stream");
                    response.body()
                            .filter(line -> line.startsWith("data:"))
                            .forEach(line -> events.add(JSON.readTree(line.substring(5))));
                });

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(events)
                .anySatisfy(event -> assertThat(event.get("state").asString()).isEqualTo("running")));
        gate.release(1_000); // let the rest of the pages through
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(events.getLast().get("state").asString()).isEqualTo("succeeded"));
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events.getLast().get("id").asString()).isEqualTo(session);
        assertThat(anonymousEvents(session)).isEqualTo(401);
    }

    private int anonymousEvents(String session) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/syncs/" + session + "/events"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
