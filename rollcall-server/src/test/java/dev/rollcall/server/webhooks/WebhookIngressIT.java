package dev.rollcall.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import dev.rollcall.server.web.ApiProblem;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/** Webhooks in, over real HTTP, into the real inbox in the embedded PostgreSQL. */
class WebhookIngressIT extends ServerTestSupport {

    @Autowired
    RecordingChangeSink sink;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WebhookIngressController controller;

    private String integrationId;
    private JsonNode endpoint;

    @BeforeEach
    void createEndpoint() {
        Api.Response integration = api().post(
                        "/api/v1/integrations",
                        Map.of("name", "hooks " + UUID.randomUUID(), "connector", "webhook-test", "config", Map.of()));
        assertThat(integration.status()).as(integration.text()).isEqualTo(201);
        integrationId = integration.json().get("id").asString();
        Api.Response created = api().post(
                        "/api/v1/integrations/" + integrationId + "/webhook-endpoints",
                        Map.of("scheme", "standard-webhooks"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        endpoint = created.json();
    }

    private String secret() {
        return endpoint.get("secret").asString();
    }

    private String path() {
        return URI.create(endpoint.get("url").asString()).getPath();
    }

    private static String sign(String secret, String id, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        return "v1,"
                + Base64.getEncoder()
                        .encodeToString(
                                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private Api.Response deliver(String id, String body, String secret, long timestamp, String contentType)
            throws Exception {
        return anonymous()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path()))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", contentType)
                        .header("webhook-id", id)
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", sign(secret, id, timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Api.Response deliver(String id, String body) throws Exception {
        return deliver(id, body, secret(), Instant.now().getEpochSecond(), "application/json");
    }

    private static String orgEvent(String sourcedId) {
        return """
                {"type":"org.updated","record":{"sourcedId":"%s","status":"active",
                 "dateLastModified":"2026-11-22T10:00:00.000Z","name":"Hook School","type":"school"}}""".formatted(sourcedId);
    }

    @Test
    void theEndpointIsCreatedWithAWhsecSecretShownOnce() {
        assertThat(secret()).startsWith("whsec_");
        assertThat(endpoint.get("url").asString())
                .endsWith("/webhooks/" + endpoint.get("id").asString());
        Api.Response again =
                api().get("/api/v1/webhook-endpoints/" + endpoint.get("id").asString());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("secret").isNull()).isTrue();
        assertThat(again.text()).doesNotContain(secret().substring(6));
        byte[] stored = jdbc.sql("select ciphertext from webhook_endpoint_secret where endpoint_id = :id")
                .param("id", UUID.fromString(endpoint.get("id").asString()))
                .query(byte[].class)
                .single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret().substring(6));
    }

    @Test
    void anAcceptedEventIsAppliedOnceAndADuplicateHasNoEffect() throws Exception {
        String eventId = "msg_" + UUID.randomUUID();
        String sourcedId = "org-" + UUID.randomUUID();

        Api.Response first = deliver(eventId, orgEvent(sourcedId));
        Api.Response duplicate = deliver(eventId, orgEvent(sourcedId));

        assertThat(first.status()).as(first.text()).isEqualTo(202);
        assertThat(first.json().get("status").asString()).isEqualTo("accepted");
        assertThat(duplicate.status()).isEqualTo(200);
        assertThat(duplicate.json().get("status").asString()).isEqualTo("duplicate");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sink.applied)
                .filteredOn(applied -> applied.externalIds().contains(sourcedId))
                .hasSize(1));
        JsonNode events = api().get("/api/v1/webhooks/" + endpoint.get("id").asString() + "/events")
                .json();
        assertThat(events.get("items")).hasSize(1);
        assertThat(events.get("items").get(0).get("status").asString()).isEqualTo("applied");
        assertThat(events.get("items").get(0).get("eventKey").asString()).isEqualTo(eventId);
    }

    @Test
    void rejectsBadSignaturesStaleTimestampsOversizedBodiesAndOtherContentTypes() throws Exception {
        double rejectedBefore = counter("rejected_bad_signature");
        String otherSecret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

        Api.Response forged =
                deliver("msg_1", orgEvent("x"), otherSecret, Instant.now().getEpochSecond(), "application/json");
        Api.Response stale = deliver(
                "msg_2",
                orgEvent("x"),
                secret(),
                Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond(),
                "application/json");
        Api.Response tooLarge = deliver("msg_3", "{\"pad\":\"" + "x".repeat(1_100_000) + "\"}");
        Api.Response xml = deliver("msg_4", "<org/>", secret(), Instant.now().getEpochSecond(), "application/xml");
        Api.Response unknown = anonymous().post("/webhooks/" + UUID.randomUUID(), "{}");

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(forged.json().get("detail").asString()).isEqualTo("The webhook signature is invalid");
        assertThat(stale.status()).isEqualTo(401);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");
        assertThat(xml.status()).isEqualTo(415);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(counter("rejected_bad_signature")).isEqualTo(rejectedBefore + 1);
        assertThat(counter("rejected_stale_timestamp")).isGreaterThanOrEqualTo(1);
        assertThat(counter("too_large")).isGreaterThanOrEqualTo(1);
        assertThat(api().get("/api/v1/webhooks/" + endpoint.get("id").asString() + "/events")
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void aPoisonEventIsDeadLetteredAndAFailingOneIsRetriedThenReplayable() throws Exception {
        String failing = "org-" + UUID.randomUUID();
        sink.failFor.add(failing);
        assertThat(deliver("msg_" + UUID.randomUUID(), "{\"type\":\"gibberish\"}")
                        .status())
                .isEqualTo(202);
        assertThat(deliver("msg_" + UUID.randomUUID(), orgEvent(failing)).status())
                .isEqualTo(202);
        String endpointId = endpoint.get("id").asString();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode items = api().get("/api/v1/webhooks/" + endpointId + "/events")
                    .json()
                    .get("items");
            assertThat(items).extracting(item -> item.get("status").asString()).containsExactly("failed", "dead");
        });
        long deadLetters = jdbc.sql(
                        "select count(*) from dead_letter where integration_id = :id and source = 'webhook'")
                .param("id", UUID.fromString(integrationId))
                .query(Long.class)
                .single();
        assertThat(deadLetters).isEqualTo(1);

        sink.failFor.remove(failing);
        JsonNode failed = api().get("/api/v1/webhooks/" + endpointId + "/events?status=failed")
                .json()
                .get("items")
                .get(0);
        Api.Response replay = api().post(
                        "/api/v1/webhooks/" + endpointId + "/events/"
                                + failed.get("id").asLong() + "/replay",
                        null);
        assertThat(replay.status()).as(replay.text()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sink.applied)
                .filteredOn(applied -> applied.externalIds().contains(failing))
                .hasSize(1));
    }

    @Test
    void tomcatAnswersADeliveryItselfAndPassesARefusalOnToBeRenderedAsProblemJson() throws Exception {
        double refusalsBefore = mvcRequests("401");
        String eventId = "msg_" + UUID.randomUUID();
        String body = orgEvent("org-" + UUID.randomUUID());
        long now = Instant.now().getEpochSecond();

        Api.Response accepted = anonymous()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path()))
                        .header("Content-Type", "application/json")
                        .header("X-Request-Id", "sender-req-42")
                        .header("webhook-id", eventId)
                        .header("webhook-timestamp", Long.toString(now))
                        .header("webhook-signature", sign(secret(), eventId, now, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        assertThat(accepted.contentType()).startsWith("application/json");
        assertThat(accepted.json().get("eventKey").asString()).isEqualTo(eventId);
        assertThat(accepted.headers().firstValue("X-Request-Id")).hasValue("sender-req-42");

        Api.Response forged = deliver(
                "msg_" + UUID.randomUUID(),
                body,
                "whsec_" + Base64.getEncoder().encodeToString(new byte[32]),
                now,
                "application/json");

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(forged.json().get("detail").asString()).isEqualTo("The webhook signature is invalid");
        assertThat(forged.json().get("requestId").asString())
                .isEqualTo(forged.headers().firstValue("X-Request-Id").orElseThrow());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(mvcRequests("401"))
                .as("the refusal went through Spring MVC")
                .isEqualTo(refusalsBefore + 1));
        assertThat(mvcRequests("202")).as("no delivery went through Spring MVC").isZero();
    }

    @Test
    void theSpringMvcPathAnswersADeliveryTheSameWay() throws Exception {
        String eventId = "msg_" + UUID.randomUUID();
        String body = orgEvent("org-" + UUID.randomUUID());
        long now = Instant.now().getEpochSecond();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path());
        request.setServerPort(port);
        request.setContentType("application/json");
        request.addHeader("webhook-id", eventId);
        request.addHeader("webhook-timestamp", Long.toString(now));
        request.addHeader("webhook-signature", sign(secret(), eventId, now, body));
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        String endpointId = endpoint.get("id").asString();

        ResponseEntity<WebhookIngress.Receipt> first =
                controller.receive(endpointId, request, new MockHttpServletResponse());
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        ResponseEntity<WebhookIngress.Receipt> again =
                controller.receive(endpointId, request, new MockHttpServletResponse());

        assertThat(first.getStatusCode().value()).isEqualTo(202);
        assertThat(first.getBody()).isEqualTo(new WebhookIngress.Receipt("accepted", eventId));
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody()).isEqualTo(new WebhookIngress.Receipt("duplicate", eventId));
        request.removeHeader("webhook-signature");
        request.addHeader("webhook-signature", "v1,AAAA");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> controller.receive(endpointId, request, new MockHttpServletResponse()))
                .isInstanceOf(ApiProblem.class)
                .hasMessage("The webhook signature is invalid");
    }

    /** Requests to the ingress that Spring MVC's observation timed, by the status they were answered. */
    private double mvcRequests(String status) {
        return meters
                .find("http.server.requests")
                .tag("uri", "/webhooks/{endpointId}")
                .tag("status", status)
                .timers()
                .stream()
                .mapToDouble(timer -> timer.count())
                .sum();
    }

    @Test
    void creatingAnEndpointListsEveryProblem() {
        Api.Response bad = api().post(
                        "/api/v1/integrations/" + integrationId + "/webhook-endpoints",
                        Map.of("scheme", "google-pubsub", "settings", Map.of("jwksUrl", "ftp://x")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsString("field"))
                .contains("settings.audience", "settings.serviceAccountEmail", "settings.jwksUrl");
        Api.Response unknown = api().post(
                        "/api/v1/integrations/" + integrationId + "/webhook-endpoints",
                        Map.of("scheme", "carrier-pigeon"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("scheme");
        assertThat(anonymous()
                        .post(
                                "/api/v1/integrations/" + integrationId + "/webhook-endpoints",
                                Map.of("scheme", "github"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aRotatedSecretKeepsTheOldOneValidDuringTheGracePeriod() throws Exception {
        String old = secret();
        Api.Response rotated = api().post(
                        "/api/v1/webhook-endpoints/" + endpoint.get("id").asString() + "/secrets",
                        Map.of("graceSeconds", 3600));
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        String fresh = rotated.json().get("secret").asString();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        assertThat(rotated.json().get("activeSecrets").asInt()).isEqualTo(2);
        long now = Instant.now().getEpochSecond();
        assertThat(deliver("msg_" + UUID.randomUUID(), "{\"type\":\"ping\"}", old, now, "application/json")
                        .status())
                .isEqualTo(202);
        assertThat(deliver("msg_" + UUID.randomUUID(), "{\"type\":\"ping\"}", fresh, now, "application/json")
                        .status())
                .isEqualTo(202);
    }

    private double counter(String outcome) {
        return meters.find("rollcall.webhooks.received").tag("outcome", outcome).counters().stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }
}
