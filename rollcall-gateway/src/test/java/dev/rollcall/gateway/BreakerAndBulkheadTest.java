package dev.rollcall.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rollcall.connector.api.error.RetriableException;
import dev.rollcall.connector.api.http.ClientSpec;
import dev.rollcall.connector.api.http.UpstreamAuth;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.gateway.FakeUpstream.Answer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BreakerAndBulkheadTest {

    private final FakeUpstream upstream = new FakeUpstream();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private IntegrationGateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    private UpstreamClient client(GatewaySettings settings) {
        gateway = Gateways.builder()
                .integration("i-1")
                .settings(settings)
                .clock(clock)
                .sleeper(new RecordingSleeper())
                .build();
        return gateway.client(ClientSpec.of(upstream.uri("/api/"), new UpstreamAuth.None())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    private static UpstreamRequest get(String path) {
        return UpstreamRequest.get(URI.create(path), path);
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndStopsCallingTheUpstream() throws Exception {
        UpstreamClient client = client(GatewaySettings.defaults()
                .withRetry(new GatewaySettings.Retry(
                        1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofSeconds(10)))
                .withBreaker(new GatewaySettings.Breaker(true, 50, 4, 4, Duration.ofSeconds(30), 1)));
        upstream.script("/api/users", Answer.status(500));

        for (int i = 0; i < 4; i++) {
            assertThat(client.send(get("users")).status()).isEqualTo(500);
        }
        assertThat(gateway.breakerState()).isEqualTo("OPEN");

        assertThatThrownBy(() -> client.send(get("users")))
                .isInstanceOfSatisfying(RetriableException.class, e -> assertThat(e.retryAfter())
                        .contains(Duration.ofSeconds(30)))
                .hasMessageContaining("circuit breaker of integration i-1 is open")
                .hasMessageContaining("calls resume in 30 s");
        assertThat(upstream.requests("/api/users")).hasSize(4);

        upstream.script("/api/users", Answer.of(200, "{}"));
        clock.advance(Duration.ofSeconds(31));
        assertThat(client.send(get("users")).status()).isEqualTo(200);
        assertThat(gateway.breakerState()).isEqualTo("CLOSED");
    }

    @Test
    void clientErrorsDoNotOpenTheBreaker() throws Exception {
        UpstreamClient client = client(GatewaySettings.defaults()
                .withBreaker(new GatewaySettings.Breaker(true, 50, 4, 4, Duration.ofSeconds(30), 1)));
        upstream.script("/api/users", Answer.status(404));

        for (int i = 0; i < 10; i++) {
            client.send(get("users"));
        }

        assertThat(gateway.breakerState()).isEqualTo("CLOSED");
    }

    @Test
    void theBulkheadBoundsRequestsInFlight() throws Exception {
        UpstreamClient client =
                client(GatewaySettings.defaults().withBulkhead(new GatewaySettings.Bulkhead(1, Duration.ofMillis(50))));
        upstream.script("/api/slow", Answer.of(200, "{}").delayed(1_500));
        upstream.script("/api/fast", Answer.of(200, "{}"));

        CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return client.send(get("slow")).status();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !upstream.requests("/api/slow").isEmpty());

        assertThatThrownBy(() -> client.send(get("fast")))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("at most 1 requests of integration i-1 may be in flight");
        assertThat(slow.get()).isEqualTo(200);
        assertThat(client.send(get("fast")).status()).isEqualTo(200);
    }
}
