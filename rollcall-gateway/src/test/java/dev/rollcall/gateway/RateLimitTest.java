package dev.rollcall.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rollcall.connector.api.error.RateLimitedException;
import dev.rollcall.connector.api.http.ClientSpec;
import dev.rollcall.connector.api.http.UpstreamAuth;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.connector.api.http.UpstreamRequest.Priority;
import dev.rollcall.gateway.FakeUpstream.Answer;
import dev.rollcall.gateway.internal.PriorityGate;
import dev.rollcall.gateway.limit.InMemoryRateLimitStore;
import dev.rollcall.gateway.limit.RateLimit;
import dev.rollcall.gateway.limit.RateLimitStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private final FakeUpstream upstream = new FakeUpstream();

    @AfterEach
    void close() {
        upstream.close();
    }

    @Test
    void requestsWaitForTheIntegrationsTokens() throws Exception {
        upstream.script("/api/users", Answer.of(200, "{}"));
        GatewaySettings settings = Gateways.testSettings()
                .withLimits(GatewaySettings.Limits.none().withIntegration(new RateLimit(2, Duration.ofMillis(500))));
        try (IntegrationGateway gateway =
                Gateways.builder().integration("i-1").settings(settings).build()) {
            UpstreamClient client = gateway.client(ClientSpec.of(upstream.uri("/api/"), new UpstreamAuth.None()));
            UpstreamRequest request = UpstreamRequest.get(URI.create("users"), "users");

            long start = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                client.send(request);
            }

            // 2 at once, then one every 250 ms
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        }
    }

    @Test
    void aRequestThatWouldWaitLongerThanTheMaximumIsRateLimitedWithTheWait() throws Exception {
        upstream.script("/api/users", Answer.of(200, "{}"));
        GatewaySettings settings = Gateways.testSettings()
                .withLimits(GatewaySettings.Limits.none()
                        .withIntegration(new RateLimit(1, Duration.ofSeconds(10)))
                        .withMaxWait(Duration.ofMillis(200)));
        try (IntegrationGateway gateway =
                Gateways.builder().integration("i-1").settings(settings).build()) {
            UpstreamClient client = gateway.client(ClientSpec.of(upstream.uri("/api/"), new UpstreamAuth.None()));
            UpstreamRequest request = UpstreamRequest.get(URI.create("users"), "users");
            client.send(request);

            assertThatThrownBy(() -> client.send(request))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter())
                            .hasValueSatisfying(
                                    wait -> assertThat(wait).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10))))
                    .hasMessageContaining("integration:i-1")
                    .hasMessageContaining("1 per PT10S");
        }
        assertThat(upstream.requests("/api/users")).hasSize(1);
    }

    @Test
    void theUpstreamLimitIsSharedByIntegrationsNamingTheSameUpstream() throws Exception {
        upstream.script("/api/users", Answer.of(200, "{}"));
        InMemoryRateLimitStore store = new InMemoryRateLimitStore();
        GatewaySettings settings = Gateways.testSettings()
                .withLimits(GatewaySettings.Limits.none()
                        .withUpstream("sis", RateLimit.perMinute(3))
                        .withMaxWait(Duration.ofMillis(100)));
        ClientSpec spec = new ClientSpec(
                upstream.uri("/api/"), new UpstreamAuth.None(), "sis", Duration.ofSeconds(2), Duration.ofSeconds(5));
        try (IntegrationGateway a = Gateways.builder()
                        .integration("a")
                        .settings(settings)
                        .rateLimits(store)
                        .build();
                IntegrationGateway b = Gateways.builder()
                        .integration("b")
                        .settings(settings)
                        .rateLimits(store)
                        .build()) {
            UpstreamRequest request = UpstreamRequest.get(URI.create("users"), "users");
            a.client(spec).send(request);
            b.client(spec).send(request);
            a.client(spec).send(request);

            assertThatThrownBy(() -> b.client(spec).send(request))
                    .isInstanceOf(RateLimitedException.class)
                    .hasMessageContaining("upstream:sis");
        }
        assertThat(upstream.requests("/api/users")).hasSize(3);
    }

    @Test
    void aWebhookRequestIsServedBeforeFullSyncRequestsThatWaitedLonger() throws Exception {
        TokenTap store = new TokenTap();
        PriorityGate gate = new PriorityGate(
                store,
                List.of(new PriorityGate.Limited("integration:i", RateLimit.perSecond(1))),
                Duration.ofSeconds(10));
        List<Priority> served = new CopyOnWriteArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> waiting = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiting.add(pool.submit(() -> acquire(gate, Priority.FULL_SYNC, served)));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> gate.waiting() == 3);
            waiting.add(pool.submit(() -> acquire(gate, Priority.DELTA_SYNC, served)));
            waiting.add(pool.submit(() -> acquire(gate, Priority.WEBHOOK, served)));
            await().atMost(Duration.ofSeconds(5)).until(() -> gate.waiting() == 5);

            for (int i = 1; i <= 5; i++) {
                store.release();
                int expected = i;
                await().atMost(Duration.ofSeconds(5)).until(() -> served.size() == expected);
            }
            for (Future<?> future : waiting) {
                future.get();
            }
        }
        assertThat(served)
                .containsExactly(
                        Priority.WEBHOOK,
                        Priority.DELTA_SYNC,
                        Priority.FULL_SYNC,
                        Priority.FULL_SYNC,
                        Priority.FULL_SYNC);
    }

    private static Void acquire(PriorityGate gate, Priority priority, List<Priority> served) throws Exception {
        gate.acquire(priority);
        served.add(priority);
        return null;
    }

    /** A store that hands out a token only when the test releases one. */
    private static final class TokenTap implements RateLimitStore {
        private final AtomicInteger available = new AtomicInteger();

        void release() {
            available.incrementAndGet();
        }

        @Override
        public long tryTake(String key, RateLimit limit) {
            return available.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0
                    ? 0
                    : Duration.ofMillis(5).toNanos();
        }

        @Override
        public void giveBack(String key, RateLimit limit) {
            available.incrementAndGet();
        }
    }
}
