package dev.rollcall.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.connector.api.config.Secret;
import dev.rollcall.connector.api.error.AuthenticationException;
import dev.rollcall.connector.api.error.ConfigurationException;
import dev.rollcall.connector.api.http.ClientSpec;
import dev.rollcall.connector.api.http.UpstreamAuth;
import dev.rollcall.connector.api.http.UpstreamAuth.ClientAuthMethod;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.connector.api.http.UpstreamResponse;
import dev.rollcall.gateway.FakeUpstream.Answer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OAuth2ClientCredentialsTest {

    private final FakeUpstream upstream = new FakeUpstream();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final AtomicInteger issued = new AtomicInteger();
    private final IntegrationGateway gateway = Gateways.builder()
            .integration("i-1")
            .settings(Gateways.testSettings())
            .clock(clock)
            .sleeper(new RecordingSleeper())
            .build();

    @AfterEach
    void close() {
        gateway.close();
        upstream.close();
    }

    private void tokenEndpoint(long expiresIn, long delayMillis) {
        upstream.respond("/oauth2/token", request -> Answer.of(
                        200,
                        "{\"access_token\":\"tok-" + issued.incrementAndGet()
                                + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}")
                .delayed(delayMillis));
    }

    private UpstreamClient client(ClientAuthMethod method, String scope) {
        var auth = new UpstreamAuth.OAuth2ClientCredentials(
                upstream.uri("/oauth2/token"), "client-a", Secret.of("s3cret:with&odd=chars"), scope, method);
        return gateway.client(ClientSpec.of(upstream.uri("/api/"), auth));
    }

    private static UpstreamRequest users() {
        return UpstreamRequest.get(URI.create("users"), "users");
    }

    @Test
    void basicClientAuthSendsCredentialsInTheHeaderAndCachesTheToken() throws Exception {
        tokenEndpoint(3600, 0);
        upstream.script("/api/users", Answer.of(200, "{\"users\":[]}"));
        UpstreamClient client = client(ClientAuthMethod.BASIC, "roster.readonly");

        client.send(users());
        client.send(users());

        assertThat(upstream.requests("/oauth2/token")).hasSize(1);
        FakeUpstream.Received tokenRequest = upstream.requests("/oauth2/token").getFirst();
        assertThat(tokenRequest.header("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder()
                                .encodeToString("client-a:s3cret:with&odd=chars".getBytes(StandardCharsets.UTF_8)));
        assertThat(tokenRequest.body()).isEqualTo("grant_type=client_credentials&scope=roster.readonly");
        assertThat(upstream.requests("/api/users"))
                .extracting(r -> r.header("Authorization"))
                .containsOnly("Bearer tok-1");
    }

    @Test
    void formClientAuthSendsCredentialsInTheBody() throws Exception {
        tokenEndpoint(3600, 0);
        upstream.script("/api/users", Answer.of(200, "{}"));

        client(ClientAuthMethod.FORM, null).send(users());

        FakeUpstream.Received tokenRequest = upstream.requests("/oauth2/token").getFirst();
        assertThat(tokenRequest.header("Authorization")).isNull();
        assertThat(tokenRequest.body())
                .isEqualTo(
                        "grant_type=client_credentials&client_id=client-a&client_secret=s3cret%3Awith%26odd%3Dchars");
    }

    @Test
    void refreshesAFifthOfTheLifetimeOrTheMarginBeforeExpiry() throws Exception {
        tokenEndpoint(100, 0); // a fifth (20 s) is less than the 60 s margin
        upstream.script("/api/users", Answer.of(200, "{}"));
        UpstreamClient client = client(ClientAuthMethod.BASIC, null);

        client.send(users());
        clock.advance(Duration.ofSeconds(79));
        client.send(users());
        assertThat(issued).hasValue(1);
        clock.advance(Duration.ofSeconds(2));
        client.send(users());

        assertThat(issued).hasValue(2);
        assertThat(upstream.requests("/api/users").getLast().header("Authorization"))
                .isEqualTo("Bearer tok-2");
    }

    @Test
    void fiftyConcurrentRequestsWithAnExpiredTokenCauseExactlyOneTokenRequest() throws Exception {
        tokenEndpoint(3600, 300);
        upstream.script("/api/users", Answer.of(200, "{}"));
        UpstreamClient client = client(ClientAuthMethod.BASIC, null);
        client.send(users());
        clock.advance(Duration.ofHours(2)); // the cached token has expired

        CountDownLatch start = new CountDownLatch(1);
        List<Future<UpstreamResponse>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return client.send(users());
                }));
            }
            start.countDown();
            for (Future<UpstreamResponse> result : results) {
                assertThat(result.get().status()).isEqualTo(200);
            }
        }

        assertThat(upstream.requests("/oauth2/token")).hasSize(2); // the first token and one refresh
        assertThat(upstream.requests("/api/users")).hasSize(51);
        assertThat(upstream.requests("/api/users").subList(1, 51))
                .extracting(r -> r.header("Authorization"))
                .containsOnly("Bearer tok-2");
    }

    @Test
    void a401IsAnsweredByOneRefreshAndOneRetry() throws Exception {
        tokenEndpoint(3600, 0);
        upstream.respond(
                "/api/users",
                request -> "Bearer tok-2".equals(request.header("Authorization"))
                        ? Answer.of(200, "{\"ok\":true}")
                        : Answer.status(401));

        UpstreamResponse response = client(ClientAuthMethod.BASIC, null).send(users());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(upstream.requests("/oauth2/token")).hasSize(2);
    }

    @Test
    void a401AfterTheRefreshIsReturnedNotRetried() throws Exception {
        tokenEndpoint(3600, 0);
        upstream.script("/api/users", Answer.status(401));

        UpstreamResponse response = client(ClientAuthMethod.BASIC, null).send(users());

        assertThat(response.status()).isEqualTo(401);
        assertThat(upstream.requests("/api/users")).hasSize(2);
        assertThat(upstream.requests("/oauth2/token")).hasSize(2);
    }

    @Test
    void rejectedClientCredentialsAreAnAuthenticationError() {
        upstream.script(
                "/oauth2/token", Answer.of(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad secret\"}"));

        assertThatThrownBy(() -> client(ClientAuthMethod.BASIC, null).send(users()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("the token endpoint")
                .hasMessageContaining("rejected the client credentials")
                .hasMessageContaining("invalid_client")
                .hasMessageNotContaining("s3cret");
        assertThat(upstream.requests("/api/users")).isEmpty();
    }

    @Test
    void invalidClientIn400IsAnAuthenticationErrorToo() {
        upstream.script("/oauth2/token", Answer.of(400, "{\"error\":\"invalid_client\"}"));

        assertThatThrownBy(() -> client(ClientAuthMethod.FORM, null).authenticate())
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("rejected the client credentials");
    }

    @Test
    void anHtmlPageIsNotATokenEndpoint() {
        upstream.script(
                "/oauth2/token",
                new Answer(404, java.util.Map.of("Content-Type", "text/html"), "<html>Not Found</html>", 0, false));

        assertThatThrownBy(() -> client(ClientAuthMethod.BASIC, null).authenticate())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("/oauth2/token is not a token endpoint (check the token URL)")
                .hasMessageContaining("404")
                .hasMessageContaining("HTML");
    }

    @Test
    void aRefusedScopeIsAConfigurationError() {
        upstream.script("/oauth2/token", Answer.of(400, "{\"error\":\"invalid_scope\"}"));

        assertThatThrownBy(() ->
                        client(ClientAuthMethod.BASIC, "roster.everything").authenticate())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("refused the scope 'roster.everything'");
    }

    @Test
    void anUnknownHostIsAConfigurationErrorNamingTheHost() {
        var auth = new UpstreamAuth.OAuth2ClientCredentials(
                URI.create("http://token.rollcall-test.invalid/oauth2/token"),
                "client-a",
                Secret.of("x"),
                null,
                ClientAuthMethod.BASIC);
        UpstreamClient client = gateway.client(ClientSpec.of(upstream.uri("/api/"), auth));

        assertThatThrownBy(client::authenticate)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("token.rollcall-test.invalid")
                .hasMessageContaining("cannot be resolved");
    }

    @Test
    void aRefusedConnectionIsAConfigurationErrorNamingHostAndPort() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var auth = new UpstreamAuth.OAuth2ClientCredentials(
                URI.create("http://127.0.0.1:" + closedPort + "/token"),
                "client-a",
                Secret.of("x"),
                null,
                ClientAuthMethod.BASIC);
        UpstreamClient client = gateway.client(ClientSpec.of(upstream.uri("/api/"), auth));

        assertThatThrownBy(client::authenticate)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("connection refused");
    }

    @Test
    void tlsToAPlainHttpServerIsAConfigurationErrorNamingTheHost() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread.startVirtualThread(() -> {
                try (var socket = plain.accept()) {
                    socket.getOutputStream()
                            .write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                } catch (java.io.IOException ignored) {
                    // the client hung up first
                }
            });
            URI https = URI.create("https://127.0.0.1:" + plain.getLocalPort() + "/oauth2/token");
            var auth =
                    new UpstreamAuth.OAuth2ClientCredentials(https, "c", Secret.of("x"), null, ClientAuthMethod.BASIC);
            UpstreamClient client = gateway.client(ClientSpec.of(upstream.uri("/api/"), auth));

            assertThatThrownBy(client::authenticate)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("TLS with 127.0.0.1:" + plain.getLocalPort())
                    .hasMessageContaining("check https versus http");
        }
    }
}
