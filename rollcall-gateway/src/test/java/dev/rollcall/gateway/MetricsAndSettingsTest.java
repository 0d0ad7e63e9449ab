package dev.rollcall.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.connector.api.http.ClientSpec;
import dev.rollcall.connector.api.http.UpstreamAuth;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.gateway.FakeUpstream.Answer;
import dev.rollcall.gateway.internal.RetryAfter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MetricsAndSettingsTest {

    @Test
    void recordsLatencyByStatusRetriesThrottlesAndTheBreakerState() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (FakeUpstream upstream = new FakeUpstream();
                IntegrationGateway gateway = Gateways.builder()
                        .tenant("t-1")
                        .integration("i-1")
                        .settings(Gateways.testSettings().withBreaker(GatewaySettings.Breaker.defaults()))
                        .meters(meters)
                        .sleeper(new RecordingSleeper())
                        .build()) {
            upstream.script("/api/users", Answer.status(429), Answer.of(200, "{}"));
            UpstreamClient client = gateway.client(ClientSpec.of(upstream.uri("/api/"), new UpstreamAuth.None()));

            client.send(UpstreamRequest.get(URI.create("users?limit=1"), "users"));

            assertThat(meters.get("rollcall.gateway.requests")
                            .tags("tenant", "t-1", "integration", "i-1", "endpoint", "users", "status", "429")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("rollcall.gateway.requests")
                            .tags("status", "200", "method", "GET", "upstream", "127.0.0.1")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("rollcall.gateway.retries")
                            .tags("reason", "429")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("rollcall.gateway.throttles")
                            .tags("source", "upstream")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("rollcall.gateway.breaker.state")
                            .tags("integration", "i-1")
                            .gauge()
                            .value())
                    .isZero();
        }
        assertThat(meters.find("rollcall.gateway.breaker.state").gauge()).isNull();
    }

    @Test
    void retryAfterReadsSecondsAndDates() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

        assertThat(RetryAfter.parse("120", clock)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse(" 0 ", clock)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 10:01:30 GMT", clock)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 09:00:00 GMT", clock)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
    }

    @Test
    void settingsNameTheBadValue() {
        assertThatThrownBy(() -> new GatewaySettings.Retry(
                        0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessage("retry.maxAttempts must be between 1 and 100, but was 0");
        assertThatThrownBy(() -> new GatewaySettings.Breaker(true, 120, 10, 5, Duration.ofSeconds(1), 1))
                .hasMessage("breaker.failureRatePercent must be between 1 and 100, but was 120");
        assertThatThrownBy(() -> new GatewaySettings.Bulkhead(0, Duration.ZERO))
                .hasMessage("bulkhead.maxConcurrent must be greater than 0, but was 0");
        assertThatThrownBy(() -> GatewaySettings.Limits.none().withMaxWait(Duration.ZERO))
                .hasMessage("limits.maxWait must be positive, but was PT0S");
        assertThatThrownBy(() -> Gateways.builder().build()).hasMessageContaining("integration must be set");
    }
}
