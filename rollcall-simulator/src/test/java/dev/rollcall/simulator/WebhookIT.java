package dev.rollcall.simulator;

import static dev.rollcall.simulator.SimulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.rollcall.simulator.http.Dialect;
import dev.rollcall.simulator.webhook.RetryPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Signed webhooks to a real HTTP receiver: signatures, order, retries after a 500, subscriptions. */
class WebhookIT {

    private static final RetryPolicy QUICK =
            new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2));

    /** What the receiver got: headers and body of one request, and what it answered. */
    record Received(String id, String timestamp, String signature, String body, int answered) {}

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failFirst = new AtomicInteger();
    private Simulator simulator;
    private SimulatorClient client;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = failFirst.getAndDecrement() > 0 ? 500 : 204;
                received.add(new Received(
                        exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        body,
                        status));
                exchange.sendResponseHeaders(status, -1);
            }
        });
        receiver.createContext("/down", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(503, -1);
            }
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        receiver.stop(0);
    }

    private String hook(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private void start(Simulator.Options options) {
        simulator = Simulator.start(options.withPort(0).withWebhookRetry(QUICK));
        client = new SimulatorClient(simulator);
    }

    /** Standard Webhooks verification, written from the spec independently of the simulator's signer. */
    private static boolean verifies(String secret, Received request) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal(
                    (request.id() + "." + request.timestamp() + "." + request.body()).getBytes(StandardCharsets.UTF_8));
            String header = request.signature();
            for (String candidate : header.split(" ")) {
                if (candidate.startsWith("v1,")
                        && java.security.MessageDigest.isEqual(
                                Base64.getDecoder().decode(candidate.substring(3)), expected)) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode subscribe(String url, String... types) {
        String list = String.join("\",\"", types);
        HttpResponse<String> response =
                client.admin("POST", "/admin/webhooks", "{\"url\":\"" + url + "\",\"eventTypes\":[\"" + list + "\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private void change(String body) {
        HttpResponse<String> response = client.admin("POST", "/admin/changes", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void changesArriveSignedInOrderAndA500IsRetried() {
        start(Simulator.Options.defaults());
        JsonNode subscription = subscribe(hook("/hook"), "user.*");
        String secret = subscription.path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        failFirst.set(1);

        change("{\"collection\":\"classes\",\"update\":2}"); // not wanted: user.* only
        change("{\"collection\":\"users\",\"update\":3}");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> received.stream()
                                .filter(request -> request.answered() == 204)
                                .count()
                        == 3);
        assertThat(received).hasSize(4);
        assertThat(received.get(0).answered()).isEqualTo(500);
        assertThat(received.get(1).id()).isEqualTo(received.get(0).id());
        assertThat(received).allSatisfy(request -> {
            assertThat(verifies(secret, request))
                    .as("signature of %s", request.id())
                    .isTrue();
            assertThat(Long.parseLong(request.timestamp()))
                    .isBetween(
                            Instant.now().getEpochSecond() - 300, Instant.now().getEpochSecond() + 5);
        });
        List<JsonNode> events = received.stream()
                .skip(1)
                .map(request -> SimulatorClient.JSON.readTree(request.body()))
                .toList();
        assertThat(events).allSatisfy(event -> {
            assertThat(event.path("type").asString()).isEqualTo("user.updated");
            assertThat(event.path("data").path("entity").asString()).isEqualTo("users");
            assertThat(event.path("data").path("record").path("sourcedId").asString())
                    .isEqualTo(event.path("data").path("sourcedId").asString());
            assertThat(event.path("timestamp").asString()).endsWith("Z");
        });
        assertThat(events.stream()
                        .map(event -> event.path("data").path("sourcedId").asString()))
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(received.stream().map(Received::id).distinct()).hasSize(3);

        JsonNode deliveries = json(client.admin(
                        "GET", "/admin/webhooks/" + subscription.path("id").asString() + "/deliveries", null))
                .path("deliveries");
        assertThat(deliveries).hasSize(4);
        assertThat(deliveries.get(0).path("status").asInt()).isEqualTo(500);
        assertThat(deliveries.get(0).path("delivered").asBoolean()).isFalse();
        assertThat(deliveries.get(1).path("attempt").asInt()).isEqualTo(2);
        assertThat(deliveries.get(1).path("delivered").asBoolean()).isTrue();
    }

    @Test
    void aReceiverThatStaysDownGetsBoundedAttemptsPerMessage() {
        start(Simulator.Options.defaults());
        String id = subscribe(hook("/down"), "*").path("id").asString();

        change("{\"collection\":\"orgs\",\"update\":1,\"softDelete\":1}");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> json(client.admin("GET", "/admin/webhooks/" + id + "/deliveries", null))
                                .path("deliveries")
                                .size()
                        == 6);
        JsonNode deliveries = json(client.admin("GET", "/admin/webhooks/" + id + "/deliveries", null))
                .path("deliveries");
        assertThat(deliveries.valueStream().map(attempt -> attempt.path("attempt")
                        .asInt()))
                .containsExactly(1, 2, 3, 1, 2, 3);
        assertThat(deliveries.valueStream().map(attempt -> attempt.path("type").asString()))
                .containsExactly(
                        "org.updated", "org.updated", "org.updated", "org.deleted", "org.deleted", "org.deleted");
        assertThat(deliveries.valueStream().filter(attempt -> attempt.path("delivered")
                        .asBoolean()))
                .isEmpty();
    }

    @Test
    void theStartupSubscriptionSignsTimebackWritesWithTheGivenSecret() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        start(Simulator.Options.defaults().withDialect(Dialect.TIMEBACK).withWebhook(hook("/hook"), secret));
        String token = client.token();

        HttpResponse<String> created = client.post(token, "/orgs", """
                {"org": {"sourcedId": "org-new", "name": "New School", "type": "school", "identifier": "NEW"}}
                """);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(client.delete(token, "/orgs/org-new").statusCode()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        assertThat(received)
                .allSatisfy(request -> assertThat(verifies(secret, request)).isTrue());
        assertThat(received.stream().map(request -> SimulatorClient.JSON
                        .readTree(request.body())
                        .path("type")
                        .asString()))
                .containsExactly("org.created", "org.deleted");
        JsonNode deleted = SimulatorClient.JSON
                .readTree(received.get(1).body())
                .path("data")
                .path("record");
        assertThat(deleted.path("status").asString()).isEqualTo("tobedeleted");
        assertThat(deleted.path("name").asString()).isEqualTo("New School");
    }

    @Test
    void subscriptionsAreListedWithoutSecretsAndCanBeDeleted() {
        start(Simulator.Options.defaults());
        String id =
                subscribe(hook("/hook"), "user.created", "class.*").path("id").asString();

        JsonNode listed = json(client.admin("GET", "/admin/webhooks", null)).path("webhooks");
        assertThat(listed).singleElement().satisfies(webhook -> {
            assertThat(webhook.path("id").asString()).isEqualTo(id);
            assertThat(webhook.has("secret")).isFalse();
            assertThat(webhook.path("eventTypes").valueStream().map(JsonNode::asString))
                    .containsExactly("user.created", "class.*");
        });

        HttpResponse<String> bad =
                client.admin("POST", "/admin/webhooks", "{\"url\":\"ftp://x\",\"eventTypes\":[\"shoe.created\"]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("detail").asString()).contains("url:").contains("eventTypes[0]");

        assertThat(client.admin("DELETE", "/admin/webhooks/" + id, null).statusCode())
                .isEqualTo(204);
        assertThat(client.admin("DELETE", "/admin/webhooks/" + id, null).statusCode())
                .isEqualTo(404);
        assertThat(json(client.admin("GET", "/admin/webhooks", null)).path("webhooks"))
                .isEmpty();
        assertThat(client.admin("GET", "/admin/webhooks/" + id + "/deliveries", null)
                        .statusCode())
                .isEqualTo(404);
    }
}
