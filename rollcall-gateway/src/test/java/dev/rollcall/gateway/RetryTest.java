package dev.rollcall.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.connector.api.error.ConfigurationException;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.error.RateLimitedException;
import dev.rollcall.connector.api.error.RetriableException;
import dev.rollcall.connector.api.http.ClientSpec;
import dev.rollcall.connector.api.http.UpstreamAuth;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.connector.api.http.UpstreamResponse;
import dev.rollcall.gateway.FakeUpstream.Answer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryTest {

    private final FakeUpstream upstream = new FakeUpstream();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final GatewaySettings.Retry retry = new GatewaySettings.Retry(
            4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5));
    private final IntegrationGateway gateway = Gateways.builder()
            .integration("i-1")
            .settings(GatewaySettings.defaults().withRetry(retry))
            .clock(clock)
            .sleeper(sleeper)
            .build();
    private final UpstreamClient client = gateway.client(ClientSpec.of(upstream.uri("/api/"), new UpstreamAuth.None())
            .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(400)));

    @AfterEach
    void close() {
        gateway.close();
        upstream.close();
    }

    private static UpstreamRequest get() {
        return UpstreamRequest.get(URI.create("users"), "users");
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 502, 503, 504})
    void retriesWhatCanSucceedLaterWithJitteredBackoff(int status) throws Exception {
        upstream.script("/api/users", Answer.status(status), Answer.status(status), Answer.of(200, "{}"));

        UpstreamResponse response = client.send(get());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.attempts()).isEqualTo(3);
        assertThat(sleeper.sleeps).hasSize(2);
        assertThat(sleeper.sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
        assertThat(sleeper.sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 409, 422, 500})
    void neverRetriesWhatCannotSucceedLater(int status) throws Exception {
        upstream.script("/api/users", Answer.status(status), Answer.of(200, "{}"));

        UpstreamResponse response = client.send(get());

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.attempts()).isEqualTo(1);
        assertThat(sleeper.sleeps).isEmpty();
    }

    @Test
    void honoursRetryAfterInSeconds() throws Exception {
        upstream.script("/api/users", Answer.status(429).header("Retry-After", "7"), Answer.of(200, "{}"));

        client.send(get());

        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void honoursRetryAfterAsAnHttpDate() throws Exception {
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(30).atOffset(ZoneOffset.UTC));
        upstream.script("/api/users", Answer.status(503).header("Retry-After", in30s), Answer.of(200, "{}"));

        client.send(get());

        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void exhausted429sAreRateLimitedWithTheLastRetryAfter() {
        upstream.script("/api/users", Answer.status(429).header("Retry-After", "3"));

        assertThatThrownBy(() -> client.send(get()))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter())
                        .contains(Duration.ofSeconds(3)))
                .hasMessageContaining("GET users")
                .hasMessageContaining("429")
                .hasMessageContaining("gave up after 4 attempts");
        assertThat(upstream.requests("/api/users")).hasSize(4);
    }

    @Test
    void exhausted5xxAreRetriable() {
        upstream.script("/api/users", Answer.status(503));

        assertThatThrownBy(() -> client.send(get()))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("503");
        assertThat(upstream.requests("/api/users")).hasSize(4);
    }

    @Test
    void aRetryAfterBeyondTheCapEndsTheCallAtOnceWithIt() {
        upstream.script("/api/users", Answer.status(429).header("Retry-After", "3600"));

        assertThatThrownBy(() -> client.send(get()))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter())
                        .contains(Duration.ofHours(1)))
                .hasMessageContaining("longer than");
        assertThat(upstream.requests("/api/users")).hasSize(1);
        assertThat(sleeper.sleeps).isEmpty();
    }

    @Test
    void aPostIsRetriedOn503ButNotOn502() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        upstream.script("/api/a", Answer.status(503), Answer.of(201, "{}"));
        upstream.script("/api/b", Answer.status(502), Answer.of(201, "{}"));

        assertThat(client.send(UpstreamRequest.json("POST", URI.create("a"), body, "a"))
                        .status())
                .isEqualTo(201);
        assertThat(client.send(UpstreamRequest.json("POST", URI.create("b"), body, "b"))
                        .status())
                .isEqualTo(502);
        assertThat(upstream.requests("/api/b")).hasSize(1);
    }

    @Test
    void aHungRequestTimesOutAndIsRetried() throws Exception {
        upstream.script("/api/users", Answer.hang(), Answer.of(200, "{\"late\":false}"));

        UpstreamResponse response = client.send(get());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.attempts()).isEqualTo(2);
    }

    @Test
    void aRefusedConnectionIsRetriedThenRetriable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        UpstreamClient refused = gateway.client(
                ClientSpec.of(URI.create("http://127.0.0.1:" + closedPort + "/"), new UpstreamAuth.None()));

        assertThatThrownBy(() -> refused.send(get()))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("gave up after 4 attempts");
        assertThat(sleeper.sleeps).hasSize(3);
    }

    @Test
    void anUnknownHostIsAConfigurationErrorAndNotRetried() {
        UpstreamClient unknown =
                gateway.client(ClientSpec.of(URI.create("http://api.rollcall-test.invalid/"), new UpstreamAuth.None()));

        assertThatThrownBy(() -> unknown.send(get()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("api.rollcall-test.invalid");
        assertThat(sleeper.sleeps).isEmpty();
    }

    @Test
    void theTotalBudgetStopsRetriesThatWouldEndPastIt() {
        try (IntegrationGateway tight = Gateways.builder()
                .integration("i-2")
                .settings(GatewaySettings.defaults()
                        .withRetry(new GatewaySettings.Retry(
                                10,
                                Duration.ofMillis(100),
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(60),
                                Duration.ofSeconds(5))))
                .clock(clock)
                .sleeper(sleeper)
                .build()) {
            upstream.script("/api/users", Answer.status(503).header("Retry-After", "10"));
            UpstreamClient budgeted = tight.client(ClientSpec.of(upstream.uri("/api/"), new UpstreamAuth.None()));

            assertThatThrownBy(() -> budgeted.send(get()))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("budget");
            assertThat(upstream.requests("/api/users")).hasSize(1);
        }
    }
}
