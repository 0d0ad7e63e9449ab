package dev.rollcall.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.connector.api.http.ClientSpec;
import dev.rollcall.connector.api.http.UpstreamAuth;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.gateway.FakeUpstream.Answer;
import dev.rollcall.gateway.limit.PostgresRateLimitStore;
import dev.rollcall.gateway.limit.RateLimit;
import dev.rollcall.store.postgres.EmbeddedPostgresServer;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two gateways for the same integration, as two Rollcall instances would have them (each with its
 * own store object and data source), on one PostgreSQL: together they keep the integration's
 * limit, counted where it matters, at the upstream.
 */
class SharedRateLimitIT {

    private static final String DATABASE = "rollcall";
    private static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        Path target = Path.of("target");
        Files.createDirectories(target);
        postgres = EmbeddedPostgresServer.start(Files.createTempDirectory(target, "pg-gateway-"), DATABASE);
        String migration;
        try (InputStream in = SharedRateLimitIT.class.getResourceAsStream("/db/migration/V3__gateway.sql")) {
            assertThat(in).as("V3__gateway.sql on the test class path").isNotNull();
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(migration);
        }
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl(DATABASE));
        dataSource.setUser(postgres.user());
        return dataSource;
    }

    @Test
    void twoInstancesTogetherNeverExceedTheIntegrationsLimit() throws Exception {
        RateLimit limit = RateLimit.perSecond(10);
        Duration run = Duration.ofSeconds(3);
        GatewaySettings settings = Gateways.testSettings()
                .withLimits(GatewaySettings.Limits.none().withIntegration(limit).withMaxWait(Duration.ofSeconds(10)));
        try (FakeUpstream upstream = new FakeUpstream();
                IntegrationGateway first = Gateways.builder()
                        .integration("shared")
                        .settings(settings)
                        .rateLimits(new PostgresRateLimitStore(dataSource()))
                        .build();
                IntegrationGateway second = Gateways.builder()
                        .integration("shared")
                        .settings(settings)
                        .rateLimits(new PostgresRateLimitStore(dataSource()))
                        .build()) {
            upstream.script("/api/users", Answer.of(200, "{}"));
            List<UpstreamClient> clients = List.of(
                    first.client(ClientSpec.of(upstream.uri("/api/"), new UpstreamAuth.None())),
                    second.client(ClientSpec.of(upstream.uri("/api/"), new UpstreamAuth.None())));
            long deadline = System.nanoTime() + run.toNanos();
            List<Future<Integer>> workers = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 8; i++) {
                    UpstreamClient client = clients.get(i % 2);
                    workers.add(pool.submit(() -> {
                        int sent = 0;
                        while (System.nanoTime() < deadline) {
                            client.send(UpstreamRequest.get(URI.create("users"), "users")
                                    .withHeader("X-Instance", client == clients.get(0) ? "first" : "second"));
                            sent++;
                        }
                        return sent;
                    }));
                }
                for (Future<Integer> worker : workers) {
                    worker.get();
                }
            }

            List<FakeUpstream.Received> received = upstream.requests("/api/users");
            List<Long> arrivals = received.stream()
                    .map(FakeUpstream.Received::nanoTime)
                    .sorted()
                    .toList();
            // A token bucket lets through at most capacity + rate * t in any interval of length t;
            // allow 2 for the time between taking a token and the request's arrival.
            for (Duration window : List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2))) {
                int allowed = (int) (limit.permits() + limit.permits() * window.toMillis() / 1000 + 2);
                assertThat(maxInWindow(arrivals, window))
                        .as("requests in any %s window", window)
                        .isLessThanOrEqualTo(allowed);
            }
            // The span is measured at arrival, which trails the token by a request's latency: on a loaded
            // 2-core machine that skew reaches a couple of hundred milliseconds, so it is allowed for.
            double seconds = (arrivals.getLast() - arrivals.getFirst()) / 1e9 + 0.3;
            assertThat((double) arrivals.size()).isLessThanOrEqualTo(limit.permits() * (1 + seconds) + 2);
            // both instances got their turns, and the pair kept close to the limit (not far below it)
            assertThat(received.stream().filter(r -> "first".equals(r.header("X-Instance"))))
                    .hasSizeGreaterThan(5);
            assertThat(received.stream().filter(r -> "second".equals(r.header("X-Instance"))))
                    .hasSizeGreaterThan(5);
            assertThat(arrivals.size()).isGreaterThanOrEqualTo(30);
        }
    }

    private static int maxInWindow(List<Long> sortedArrivals, Duration window) {
        int max = 0;
        int start = 0;
        for (int end = 0; end < sortedArrivals.size(); end++) {
            while (sortedArrivals.get(end) - sortedArrivals.get(start) >= window.toNanos()) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }
}
