package dev.rollcall.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.connector.api.config.Secret;
import dev.rollcall.connector.api.error.ConfigurationException;
import dev.rollcall.connector.api.http.ClientSpec;
import dev.rollcall.connector.api.http.OAuth1Signature;
import dev.rollcall.connector.api.http.UpstreamAuth;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.connector.api.http.UpstreamResponse;
import dev.rollcall.gateway.FakeUpstream.Answer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class PlainBearerAndOAuth1Test {

    private final FakeUpstream upstream = new FakeUpstream();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final IntegrationGateway gateway = Gateways.builder()
            .integration("i-1")
            .settings(Gateways.testSettings())
            .clock(clock)
            .build();

    @AfterEach
    void close() {
        gateway.close();
        upstream.close();
    }

    @Test
    void sendsPlainRequestsWithAcceptAndACorrelationIdAndReturnsTheAnswer() throws Exception {
        upstream.script("/api/orgs", Answer.of(200, "{\"orgs\":[1]}").header("X-Total-Count", "1"));
        UpstreamClient client = gateway.client(ClientSpec.of(upstream.uri("/api/"), new UpstreamAuth.None()));

        UpstreamResponse response = client.send(UpstreamRequest.get(URI.create("orgs?limit=5"), "orgs"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText(100)).isEqualTo("{\"orgs\":[1]}");
        assertThat(response.header("x-total-count")).contains("1");
        assertThat(response.attempts()).isEqualTo(1);
        assertThat(response.fromCache()).isFalse();
        FakeUpstream.Received received = upstream.requests("/api/orgs").getFirst();
        assertThat(received.query()).isEqualTo("limit=5");
        assertThat(received.header("Accept")).isEqualTo("application/json");
        assertThat(received.header("X-Correlation-Id")).isNotBlank();
        assertThat(received.header("Authorization")).isNull();
        assertThat(MDC.get("correlationId")).isNull();
    }

    @Test
    void keepsTheCallersCorrelationIdAndBody() throws Exception {
        upstream.script("/api/users", Answer.of(201, "{}"));
        UpstreamClient client = gateway.client(ClientSpec.of(upstream.uri("/api/"), new UpstreamAuth.None()));

        client.send(
                UpstreamRequest.json("POST", URI.create("users"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "users")
                        .withHeader("X-Correlation-Id", "run-42"));

        FakeUpstream.Received received = upstream.requests("/api/users").getFirst();
        assertThat(received.header("X-Correlation-Id")).isEqualTo("run-42");
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.body()).isEqualTo("{\"a\":1}");
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void bearerTokenGoesInTheAuthorizationHeaderAndA401IsReturnedAtOnce() throws Exception {
        upstream.script("/api/courses", Answer.status(401));
        UpstreamClient client = gateway.client(
                ClientSpec.of(upstream.uri("/api/"), new UpstreamAuth.Bearer(Secret.of("canvas-token"))));

        UpstreamResponse response = client.send(UpstreamRequest.get(URI.create("courses"), "courses"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(upstream.requests("/api/courses")).hasSize(1);
        assertThat(upstream.requests("/api/courses").getFirst().header("Authorization"))
                .isEqualTo("Bearer canvas-token");
    }

    @Test
    void oauth1SignsEveryRequestWithAFreshNonceAndTheClocksTimestamp() throws Exception {
        upstream.script("/ims/oneroster/v1p1/users", Answer.of(200, "{}"));
        var auth = new UpstreamAuth.OAuth1("consumer", Secret.of("secret"), OAuth1Signature.Method.HMAC_SHA256);
        UpstreamClient client = gateway.client(ClientSpec.of(upstream.uri("/ims/oneroster/v1p1/"), auth));

        client.send(UpstreamRequest.get(URI.create("users?filter=role%3D%27student%27&limit=2"), "users"));
        client.send(UpstreamRequest.get(URI.create("users?filter=role%3D%27student%27&limit=2"), "users"));

        var first = upstream.requests("/ims/oneroster/v1p1/users").get(0);
        var second = upstream.requests("/ims/oneroster/v1p1/users").get(1);
        Map<String, String> params = OAuth1Signature.parseAuthorizationHeader(first.header("Authorization"));
        assertThat(params)
                .containsEntry("oauth_consumer_key", "consumer")
                .containsEntry("oauth_signature_method", "HMAC-SHA256")
                .containsEntry("oauth_timestamp", Long.toString(clock.instant().getEpochSecond()));
        URI seen = upstream.uri(first.path() + "?" + first.query());
        String base = OAuth1Signature.baseString("GET", seen, OAuth1Signature.parameters(seen, null, params));
        assertThat(OAuth1Signature.verify(
                        OAuth1Signature.Method.HMAC_SHA256, base, "secret", params.get("oauth_signature")))
                .isTrue();
        assertThat(OAuth1Signature.parseAuthorizationHeader(second.header("Authorization"))
                        .get("oauth_nonce"))
                .isNotEqualTo(params.get("oauth_nonce"));
    }

    @Test
    void refusesToSendCredentialsToAnotherOrigin() {
        UpstreamClient client =
                gateway.client(ClientSpec.of(upstream.uri("/api/"), new UpstreamAuth.Bearer(Secret.of("t"))));

        assertThatThrownBy(() -> client.send(UpstreamRequest.get(URI.create("https://elsewhere.example/x"), "x")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("refusing to send credentials to https://elsewhere.example");
        assertThat(upstream.received).isEmpty();
    }
}
