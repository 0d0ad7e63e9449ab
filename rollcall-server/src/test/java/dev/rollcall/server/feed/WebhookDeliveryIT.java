package dev.rollcall.server.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import dev.rollcall.server.support.TenantFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks out to a real subscriber (the JDK's HttpServer): ordered, at least once, signed, retried
 * with backoff, disabled with an alert when it keeps failing, replayable. The test server settings
 * (ServerTestSupport) make the backoff 100 ms and disable after 4 failures.
 */
class WebhookDeliveryIT extends ServerTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    private TenantFixture tenant;
    private Api admin;
    private HttpServer subscriber;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    record Received(String id, String timestamp, String signature, byte[] body) {}

    @BeforeEach
    void start() throws IOException {
        tenant = new TenantFixture(jdbc);
        admin = api().withToken(tenant.adminToken);
        subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        subscriber.createContext("/hook", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                requests.incrementAndGet();
                if (failNext.get() != 0) {
                    failNext.decrementAndGet(); // a negative count fails forever
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                received.add(new Received(
                        exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        body));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        subscriber.start();
    }

    @AfterEach
    void stop() {
        subscriber.stop(0);
    }

    @Test
    void aSubscriberThatIsDownForAWhileGetsEveryEventOnceBackInOrderAndSigned() throws Exception {
        failNext.set(3);
        JsonNode subscription = subscribe(Map.of("url", url(), "entityTypes", List.of("user")));
        String secret = subscription.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID id = UUID.randomUUID();
            if (i % 3 == 2) {
                tenant.journal("org", id, "updated", "{\"sourcedId\":\"" + id + "\"}", Instant.now());
            } else {
                users.add(id);
                tenant.journal(
                        "user",
                        id,
                        i % 2 == 0 ? "created" : "updated",
                        "{\"sourcedId\":\"" + id + "\"}",
                        Instant.now());
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= users.size());
        List<String> ids = new ArrayList<>();
        List<String> messageIds = new ArrayList<>();
        for (Received message : received) {
            assertThat(verify(secret, message))
                    .as("signature of " + message.id())
                    .isTrue();
            JsonNode body = JSON.readTree(message.body());
            assertThat(body.get("type").asString()).startsWith("user.");
            ids.add(body.get("data").get("id").asString());
            messageIds.add(message.id());
        }
        assertThat(ids)
                .containsExactlyElementsOf(users.stream().map(UUID::toString).toList());
        assertThat(messageIds).doesNotHaveDuplicates();
        assertThat(requests.get()).isEqualTo(users.size() + 3);

        String path = "/api/v1/webhook-subscriptions/" + subscription.get("id").asString();
        JsonNode deliveries = admin.get(path + "/deliveries").json();
        assertThat(deliveries).hasSize(users.size() + 3);
        List<JsonNode> failed = deliveries
                .valueStream()
                .filter(delivery -> !delivery.get("succeeded").asBoolean())
                .toList();
        assertThat(failed).hasSize(3).allSatisfy(delivery -> assertThat(
                        delivery.get("statusCode").asInt())
                .isEqualTo(503));
        assertThat(failed.stream().map(delivery -> delivery.get("attempt").asInt()))
                .containsExactlyInAnyOrder(1, 2, 3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode state = admin.get(path).json();
            assertThat(state.get("state").asString()).isEqualTo("active");
            assertThat(state.get("consecutiveFailures").asInt()).isZero();
            assertThat(state.has("secret")).isFalse();
        });
    }

    @Test
    void aSubscriptionThatKeepsFailingIsDisabledWithAnAlertAndCanBeReplayed() {
        failNext.set(-1);
        JsonNode subscription = subscribe(Map.of("url", url(), "eventTypes", List.of("created")));
        String path = "/api/v1/webhook-subscriptions/" + subscription.get("id").asString();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        tenant.journal("user", first, "created", "{}", Instant.now());
        tenant.journal("user", UUID.randomUUID(), "updated", "{}", Instant.now());
        tenant.journal("class", second, "created", "{}", Instant.now());

        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.get(path).json().get("state").asString().equals("disabled"));
        JsonNode disabled = admin.get(path).json();
        assertThat(disabled.get("consecutiveFailures").asInt()).isEqualTo(4);
        assertThat(disabled.get("disabledReason").asString()).contains("4 consecutive failed deliveries");
        assertThat(admin.get(path + "/deliveries").json()).hasSize(4);
        assertThat(jdbc.sql(
                                "select count(*) from alert where tenant_id = :t and kind = 'webhook-subscription-disabled'")
                        .param("t", tenant.tenantId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(received).isEmpty();

        failNext.set(0);
        Api.Response replay = admin.post(path + "/replay", Map.of("after", "0"));
        assertThat(replay.status()).as(replay.text()).isEqualTo(200);
        assertThat(replay.json().get("state").asString()).isEqualTo("active");
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
        assertThat(received.stream().map(message -> JSON.readTree(message.body())
                        .get("data")
                        .get("id")
                        .asString()))
                .containsExactly(first.toString(), second.toString());

        assertThat(admin.post(path + "/replay", Map.of()).status()).isEqualTo(400);
        assertThat(admin.delete(path).status()).isEqualTo(204);
        assertThat(admin.get(path).status()).isEqualTo(404);
    }

    @Test
    void subscriptionsAreValidated() {
        Api.Response invalid = admin.post(
                "/api/v1/webhook-subscriptions",
                Map.of("url", "ftp://example.org", "eventTypes", List.of("renamed"), "entityTypes", List.of("pet")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.text()).contains("\"url\"").contains("eventTypes[0]").contains("entityTypes[0]");
    }

    private JsonNode subscribe(Map<String, Object> request) {
        Api.Response created = admin.post("/api/v1/webhook-subscriptions", request);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json();
    }

    private String url() {
        return "http://127.0.0.1:" + subscriber.getAddress().getPort() + "/hook";
    }

    /** The Standard Webhooks verification, written from the specification (not Rollcall's signer). */
    private static boolean verify(String secret, Received message) throws Exception {
        long sentAt = Long.parseLong(message.timestamp());
        if (Math.abs(Instant.now().getEpochSecond() - sentAt) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((message.id() + "." + message.timestamp() + ".").getBytes(StandardCharsets.UTF_8));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(message.body()));
        for (String candidate : message.signature().split(" ")) {
            String[] parts = candidate.split(",", 2);
            if (parts.length == 2
                    && parts[0].equals("v1")
                    && MessageDigest.isEqual(
                            parts[1].getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }
}
