package dev.rollcall.gateway.internal;

import dev.rollcall.connector.api.error.ConfigurationException;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.error.RateLimitedException;
import dev.rollcall.connector.api.error.RetriableException;
import dev.rollcall.connector.api.http.ClientSpec;
import dev.rollcall.connector.api.http.UpstreamBody;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.connector.api.http.UpstreamResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client stack: a request goes through the priority-ordered rate limit, the bulkhead and the
 * circuit breaker, is authenticated and sent, and is retried when it can succeed later.
 *
 * <p><b>What is retried.</b> 429 and 503 (the upstream did not act on the request) and connections
 * that were never made, for every method; 502, 504, read timeouts and broken connections only for
 * idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE), since a POST may have been acted on. Never
 * anything else. A 401 to an OAuth 2.0 token is answered once with a fresh token, outside the retry
 * budget; a second 401 is returned.
 *
 * <p><b>Security.</b> Credentials go only to the base URL's scheme, host and port; a request
 * elsewhere (an absolute link from a page) is refused when the stack authenticates. Logs carry the
 * method, endpoint and host, never headers, the query string or bodies.
 */
public final class GatewayClient implements UpstreamClient {

    private static final Logger log = LoggerFactory.getLogger(GatewayClient.class);
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final ClientSpec spec;
    private final Authentication authentication;
    private final HttpClient http;
    private final PriorityGate gate;
    private final IntegrationStack stack;
    private final Backoff backoff;

    public GatewayClient(
            ClientSpec spec,
            Authentication authentication,
            HttpClient http,
            PriorityGate gate,
            IntegrationStack stack) {
        this.spec = spec;
        this.authentication = authentication;
        this.http = http;
        this.gate = gate;
        this.stack = stack;
        this.backoff = new Backoff(stack.retry());
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) throws ConnectorException {
        URI uri = resolve(request.uri());
        try (Correlation correlation = Correlation.open(request.headers(), stack.integrationId())) {
            return new Call(request, uri, correlation.id()).run();
        }
    }

    @Override
    public void authenticate() throws ConnectorException {
        try (Correlation ignored = Correlation.open(Map.of(), stack.integrationId())) {
            authentication.authenticate();
        }
    }

    private URI resolve(URI requested) throws ConfigurationException {
        URI uri = requested.isAbsolute() ? requested : spec.baseUrl().resolve(requested);
        if (!(authentication instanceof Authentication.Unauthenticated) && !sameOrigin(uri, spec.baseUrl())) {
            throw new ConfigurationException("refusing to send credentials to " + origin(uri)
                    + ", which is not the integration's base URL origin " + origin(spec.baseUrl()));
        }
        return uri;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && String.valueOf(a.getHost()).equalsIgnoreCase(String.valueOf(b.getHost()))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** The state of one {@link #send}: its attempts, its retries and what went wrong last. */
    private final class Call {
        private final UpstreamRequest request;
        private final URI uri;
        private final String correlationId;
        private final String method;
        private final String where;
        private final Instant started;
        private final @Nullable String cacheKey;
        private final ResponseCache.@Nullable Entry cached;
        private int attempts;
        private int retries;
        private boolean renewed;

        Call(UpstreamRequest request, URI uri, String correlationId) {
            this.request = request;
            this.uri = uri;
            this.correlationId = correlationId;
            this.method = request.method().toUpperCase(Locale.ROOT);
            this.where = method + " " + request.endpoint() + " (" + origin(uri) + uri.getRawPath() + ")";
            this.started = stack.clock().instant();
            this.cacheKey = request.conditional() && method.equals("GET") ? method + " " + uri : null;
            this.cached = cacheKey == null ? null : stack.cache().get(cacheKey).orElse(null);
        }

        UpstreamResponse run() throws ConnectorException {
            while (true) {
                attempts++;
                waitForRateLimit();
                Authentication.Credential credential;
                try {
                    credential = authentication.credential(method, uri, formBody());
                } catch (ConnectorException tokenFailure) {
                    if (!tokenFailure.isRetriable()) {
                        throw tokenFailure;
                    }
                    retryOrGiveUp(tokenFailure, tokenFailure.retryAfter().orElse(null), "token");
                    continue;
                }
                HttpResponse<UpstreamBody> response;
                try {
                    response = exchange(credential);
                } catch (TransportFailureException failure) {
                    TransportFailure classified = failure.classified;
                    boolean retriable = classified.kind() != TransportFailure.Kind.CONFIGURATION
                            && (classified.nothingSent() || IDEMPOTENT.contains(method));
                    ConnectorException exception = classified.toException(failure.getCause(), false);
                    if (!retriable) {
                        throw exception;
                    }
                    retryOrGiveUp(exception, null, classified.kind().name().toLowerCase(Locale.ROOT));
                    continue;
                }
                int status = response.statusCode();
                if (status == 401 && !renewed && authentication.renewAfterUnauthorized(credential)) {
                    renewed = true;
                    log.info("{} was refused with 401; retrying once with a fresh token", where);
                    continue;
                }
                if (retriableStatus(status)) {
                    Duration retryAfter = RetryAfter.parse(
                                    response.headers().firstValue("Retry-After").orElse(null), stack.clock())
                            .orElse(null);
                    if (status == 429) {
                        stack.metrics().throttle(spec.upstream(), request.endpoint(), "upstream");
                    }
                    String answered = where + " was answered " + status;
                    ConnectorException exception = status == 429
                            ? new RateLimitedException(answered + " (throttled by the upstream)", retryAfter, null)
                            : new RetriableException(answered, retryAfter, null);
                    retryOrGiveUp(exception, retryAfter, Integer.toString(status));
                    continue;
                }
                return answer(response);
            }
        }

        private void waitForRateLimit() throws ConnectorException {
            try {
                Duration waited = gate.acquire(request.priority());
                if (waited.isPositive()) {
                    stack.metrics().throttle(spec.upstream(), request.endpoint(), "limiter");
                }
            } catch (InterruptedException e) {
                throw interrupted();
            }
        }

        private HttpResponse<UpstreamBody> exchange(Authentication.Credential credential)
                throws ConnectorException, TransportFailureException {
            HttpRequest httpRequest = build(credential);
            if (!stack.bulkhead().tryAcquirePermission()) {
                throw new RetriableException(
                        "at most " + stack.bulkhead().getBulkheadConfig().getMaxConcurrentCalls()
                                + " requests of integration " + stack.integrationId() + " may be in flight, and "
                                + where + " found no free slot within "
                                + stack.bulkhead().getBulkheadConfig().getMaxWaitDuration(),
                        null,
                        null);
            }
            long start = System.nanoTime();
            try {
                stack.breaker().acquire(stack.integrationId(), spec.upstream());
                HttpResponse<UpstreamBody> response;
                try {
                    response = sendWithDeadline(httpRequest);
                } catch (IOException e) {
                    Duration latency = Duration.ofNanos(System.nanoTime() - start);
                    stack.breaker().failure(latency, e);
                    stack.metrics().attempt(spec.upstream(), request.endpoint(), method, "IO_ERROR", latency);
                    throw new TransportFailureException(TransportFailure.classify(e, uri, where), e);
                }
                Duration latency = Duration.ofNanos(System.nanoTime() - start);
                int status = response.statusCode();
                if (status >= 500) {
                    stack.breaker().failure(latency, new IOException("status " + status));
                } else if (status == 429) {
                    stack.breaker().neutral();
                } else {
                    stack.breaker().success(latency);
                }
                stack.metrics().attempt(spec.upstream(), request.endpoint(), method, Integer.toString(status), latency);
                log.debug("{} answered {} in {} ms (attempt {})", where, status, latency.toMillis(), attempts);
                return response;
            } finally {
                stack.bulkhead().onComplete();
            }
        }

        private HttpResponse<UpstreamBody> sendWithDeadline(HttpRequest httpRequest)
                throws IOException, ConnectorException {
            CompletableFuture<HttpResponse<UpstreamBody>> future = http.sendAsync(httpRequest, SegmentedBody.handler());
            try {
                // The request timeout covers the headers only; this bounds the body too.
                return future.get(spec.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new HttpTimeoutException("no whole answer within " + spec.readTimeout());
            } catch (InterruptedException e) {
                future.cancel(true);
                throw interrupted();
            } catch (CancellationException e) {
                throw new IOException("the request was cancelled", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException(e.getCause());
            }
        }

        private HttpRequest build(Authentication.Credential credential) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(spec.readTimeout());
            boolean accept = false;
            for (Map.Entry<String, String> header : request.headers().entrySet()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (RESTRICTED.contains(name) || name.equals("x-correlation-id")) {
                    continue; // set by the HTTP client, or by us below
                }
                accept |= name.equals("accept");
                builder.header(header.getKey(), header.getValue());
            }
            if (!accept) {
                builder.header("Accept", "application/json");
            }
            builder.header(Correlation.HEADER, correlationId);
            if (credential.authorization() != null) {
                builder.setHeader("Authorization", credential.authorization());
            }
            if (cached != null) {
                if (cached.etag() != null) {
                    builder.setHeader("If-None-Match", cached.etag());
                }
                if (cached.lastModified() != null) {
                    builder.setHeader("If-Modified-Since", cached.lastModified());
                }
            }
            byte[] body = request.body();
            builder.method(
                    method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            return builder.build();
        }

        private @Nullable String formBody() {
            byte[] body = request.body();
            if (body == null) {
                return null;
            }
            boolean form = request.headers().entrySet().stream()
                    .anyMatch(header -> header.getKey().equalsIgnoreCase("Content-Type")
                            && header.getValue()
                                    .toLowerCase(Locale.ROOT)
                                    .startsWith("application/x-www-form-urlencoded"));
            return form ? new String(body, StandardCharsets.UTF_8) : null;
        }

        private boolean retriableStatus(int status) {
            return status == 429 || status == 503 || ((status == 502 || status == 504) && IDEMPOTENT.contains(method));
        }

        /** Waits before the next attempt, or throws {@code failure} when no retry is left. */
        private void retryOrGiveUp(ConnectorException failure, @Nullable Duration retryAfter, String reason)
                throws ConnectorException {
            Duration elapsed = Duration.between(started, stack.clock().instant());
            if (attempts >= stack.retry().maxAttempts()) {
                throw exhausted(failure, "after " + attempts + " attempts in " + seconds(elapsed));
            }
            if (retryAfter != null && retryAfter.compareTo(stack.retry().maxRetryAfter()) > 0) {
                throw exhausted(
                        failure,
                        "the upstream asks to wait " + seconds(retryAfter) + ", longer than the "
                                + seconds(stack.retry().maxRetryAfter()) + " a call waits");
            }
            Duration delay = backoff.delay(++retries, retryAfter);
            if (elapsed.plus(delay).compareTo(stack.retry().maxElapsed()) > 0) {
                throw exhausted(
                        failure,
                        "a retry in " + seconds(delay) + " would pass the call's "
                                + seconds(stack.retry().maxElapsed()) + " budget (" + attempts + " attempts so far)");
            }
            stack.metrics().retry(spec.upstream(), request.endpoint(), reason);
            log.info("{}: {}; retry {} in {} ms", where, failure.getMessage(), retries, delay.toMillis());
            try {
                stack.sleeper().sleep(delay);
            } catch (InterruptedException e) {
                throw interrupted();
            }
        }

        private ConnectorException exhausted(ConnectorException last, String why) {
            String message = last.getMessage() + "; gave up " + why;
            return switch (last) {
                case RateLimitedException e ->
                    new RateLimitedException(message, e.retryAfter().orElse(null), e.getCause());
                case RetriableException e ->
                    new RetriableException(message, e.retryAfter().orElse(null), e.getCause());
                default -> last;
            };
        }

        private UpstreamResponse answer(HttpResponse<UpstreamBody> response) {
            Duration elapsed = Duration.between(started, stack.clock().instant());
            int status = response.statusCode();
            if (status == 304 && cached != null) {
                stack.metrics().cacheHit(spec.upstream(), request.endpoint());
                return new UpstreamResponse(cached.status(), cached.headers(), cached.body(), true, attempts, elapsed);
            }
            if (cacheKey != null && status == 200 && !noStore(response)) {
                stack.cache()
                        .put(
                                cacheKey,
                                new ResponseCache.Entry(
                                        status,
                                        response.headers().map(),
                                        response.body(),
                                        response.headers().firstValue("ETag").orElse(null),
                                        response.headers()
                                                .firstValue("Last-Modified")
                                                .orElse(null)));
            }
            return new UpstreamResponse(status, response.headers().map(), response.body(), false, attempts, elapsed);
        }

        private static boolean noStore(HttpResponse<UpstreamBody> response) {
            return response.headers().allValues("Cache-Control").stream()
                    .anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("no-store"));
        }

        private RetriableException interrupted() {
            Thread.currentThread().interrupt();
            return new RetriableException(where + " was interrupted");
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** A transport failure on its way from the exchange to the retry decision. */
    private static final class TransportFailureException extends Exception {
        private final transient TransportFailure classified;

        TransportFailureException(TransportFailure classified, IOException cause) {
            super(classified.message(), cause, false, false);
            this.classified = classified;
        }
    }
}
