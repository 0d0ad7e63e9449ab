package dev.rollcall.connector.api.http;

import java.net.URI;
import java.time.Duration;

/**
 * What a connector asks of the gateway for one upstream.
 *
 * @param baseUrl where relative request URIs are resolved; ends with {@code /} or the last path
 *     segment is replaced, as {@link URI#resolve} does
 * @param auth how requests are authenticated
 * @param upstream the upstream's name for the shared rate limiter and metrics (e.g. the host);
 *     integrations that name the same upstream share its per-upstream limit
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for a whole response; a request that hangs longer is retried
 */
public record ClientSpec(
        URI baseUrl, UpstreamAuth auth, String upstream, Duration connectTimeout, Duration readTimeout) {

    public ClientSpec {
        if (!baseUrl.isAbsolute()) {
            throw new IllegalArgumentException("baseUrl must be absolute, but was " + baseUrl);
        }
        if (upstream == null || upstream.isBlank()) {
            throw new IllegalArgumentException("upstream must be named");
        }
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** A spec with 10 s to connect and 60 s to read, the upstream named after the host. */
    public static ClientSpec of(URI baseUrl, UpstreamAuth auth) {
        return new ClientSpec(
                baseUrl, auth, String.valueOf(baseUrl.getHost()), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public ClientSpec withTimeouts(Duration connect, Duration read) {
        return new ClientSpec(baseUrl, auth, upstream, connect, read);
    }
}
