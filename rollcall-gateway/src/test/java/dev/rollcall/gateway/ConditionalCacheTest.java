package dev.rollcall.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.connector.api.http.ClientSpec;
import dev.rollcall.connector.api.http.UpstreamAuth;
import dev.rollcall.connector.api.http.UpstreamBody;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.connector.api.http.UpstreamResponse;
import dev.rollcall.gateway.FakeUpstream.Answer;
import dev.rollcall.gateway.internal.ResponseCache;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConditionalCacheTest {

    private final FakeUpstream upstream = new FakeUpstream();
    private final IntegrationGateway gateway = Gateways.forTests();
    private final UpstreamClient client = gateway.client(ClientSpec.of(upstream.uri("/api/"), new UpstreamAuth.None()));

    @AfterEach
    void close() {
        gateway.close();
        upstream.close();
    }

    private static UpstreamRequest conditional(String path) {
        return UpstreamRequest.get(URI.create(path), path).conditionalRequest();
    }

    @Test
    void anEtagIsRevalidatedAndA304IsAnsweredFromTheCache() throws Exception {
        upstream.respond(
                "/api/orgs",
                request -> "\"v1\"".equals(request.header("If-None-Match"))
                        ? Answer.status(304)
                        : Answer.of(200, "{\"orgs\":[\"a\"]}").header("ETag", "\"v1\""));

        UpstreamResponse first = client.send(conditional("orgs"));
        UpstreamResponse second = client.send(conditional("orgs"));

        assertThat(first.fromCache()).isFalse();
        assertThat(second.fromCache()).isTrue();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.bodyText(100)).isEqualTo("{\"orgs\":[\"a\"]}");
        assertThat(upstream.requests("/api/orgs").get(1).header("If-None-Match"))
                .isEqualTo("\"v1\"");
    }

    @Test
    void lastModifiedIsSentAsIfModifiedSince() throws Exception {
        String date = "Sun, 01 Mar 2026 09:00:00 GMT";
        upstream.script(
                "/api/users",
                Answer.of(200, "{\"users\":[]}").header("Last-Modified", date),
                Answer.of(200, "{\"users\":[1]}").header("Last-Modified", "Sun, 01 Mar 2026 10:00:00 GMT"));

        client.send(conditional("users"));
        UpstreamResponse changed = client.send(conditional("users"));

        assertThat(upstream.requests("/api/users").get(1).header("If-Modified-Since"))
                .isEqualTo(date);
        assertThat(changed.fromCache()).isFalse();
        assertThat(changed.bodyText(100)).isEqualTo("{\"users\":[1]}");
    }

    @Test
    void unconditionalRequestsAndNoStoreAnswersAreNotCached() throws Exception {
        upstream.script("/api/a", Answer.of(200, "{}").header("ETag", "\"1\""));
        upstream.script("/api/b", Answer.of(200, "{}").header("ETag", "\"1\"").header("Cache-Control", "no-store"));

        client.send(UpstreamRequest.get(URI.create("a"), "a"));
        client.send(UpstreamRequest.get(URI.create("a"), "a"));
        client.send(conditional("b"));
        client.send(conditional("b"));

        assertThat(upstream.received).allSatisfy(request -> assertThat(request.header("If-None-Match"))
                .isNull());
    }

    @Test
    void theCacheIsBoundedByEntriesAndBytes() {
        ResponseCache cache = new ResponseCache(2, 10);
        cache.put("a", entry(4));
        cache.put("b", entry(4));
        cache.get("a"); // a is now the most recently used
        cache.put("c", entry(4));

        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("a")).isPresent();
        assertThat(cache.size()).isEqualTo(2);

        cache.put("d", entry(8));
        assertThat(cache.bytes()).isLessThanOrEqualTo(10);
        cache.put("huge", entry(11));
        assertThat(cache.get("huge")).isEmpty();
    }

    private static ResponseCache.Entry entry(int bytes) {
        return new ResponseCache.Entry(200, Map.of("etag", List.of("x")), UpstreamBody.of(new byte[bytes]), "x", null);
    }
}
