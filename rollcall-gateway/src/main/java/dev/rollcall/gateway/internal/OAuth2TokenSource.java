package dev.rollcall.gateway.internal;

import dev.rollcall.connector.api.config.Secret;
import dev.rollcall.connector.api.error.AuthenticationException;
import dev.rollcall.connector.api.error.ConfigurationException;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.error.RateLimitedException;
import dev.rollcall.connector.api.error.RetriableException;
import dev.rollcall.connector.api.http.UpstreamAuth;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) with a token cache.
 *
 * <p>A token is used until {@code min(margin, lifetime / 5)} before it expires, then refreshed.
 * Refreshing is single-flight: the first caller to find the token stale asks the token endpoint,
 * every other caller waits for that one answer (and shares its failure), so any number of waiting
 * requests cause one token request. {@link #invalidate} drops a token an upstream refused, but only
 * if no one has replaced it yet, so fifty 401s to one token cause one refresh.
 *
 * <p>Failures are classified with what to do about them: refused credentials are an {@link
 * AuthenticationException}; a URL that is not a token endpoint, an unknown host, a refused
 * connection and a TLS failure are a {@link ConfigurationException} naming the host; a 429 or 5xx
 * is retriable. Thread-safe. Never logs the secret or the token.
 */
public final class OAuth2TokenSource {

    private static final Logger log = LoggerFactory.getLogger(OAuth2TokenSource.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    /** Makes (or finds) the token source for one set of client credentials. */
    @FunctionalInterface
    public interface Factory {
        OAuth2TokenSource tokenSource(UpstreamAuth.OAuth2ClientCredentials credentials);
    }

    /** An access token and when to stop using it. */
    public record Token(Secret value, Instant refreshAt, Instant expiresAt) {}

    private final UpstreamAuth.OAuth2ClientCredentials credentials;
    private final HttpClient http;
    private final Clock clock;
    private final Duration margin;
    private final Duration timeout;
    private final AtomicReference<@Nullable Token> current = new AtomicReference<>();
    private final AtomicReference<@Nullable CompletableFuture<Token>> inFlight = new AtomicReference<>();
    private final AtomicInteger requests = new AtomicInteger();

    public OAuth2TokenSource(
            UpstreamAuth.OAuth2ClientCredentials credentials,
            HttpClient http,
            Clock clock,
            Duration margin,
            Duration timeout) {
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
        this.margin = margin;
        this.timeout = timeout;
    }

    /** A fresh token: the cached one, or a new one from the endpoint (one request at a time). */
    public Token token() throws ConnectorException {
        Token token = current.get();
        if (token != null && fresh(token)) {
            return token;
        }
        CompletableFuture<Token> mine = new CompletableFuture<>();
        CompletableFuture<Token> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Token again = current.get();
            Token result = again != null && fresh(again) ? again : fetch();
            current.set(result);
            mine.complete(result);
            return result;
        } catch (ConnectorException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.compareAndSet(mine, null);
        }
    }

    /** Drops {@code refused} if it is still the cached token. */
    public void invalidate(Token refused) {
        current.compareAndSet(refused, null);
    }

    /** How many token requests were sent (for tests and the doctor). */
    public int tokenRequests() {
        return requests.get();
    }

    private boolean fresh(Token token) {
        return clock.instant().isBefore(token.refreshAt());
    }

    private static Token await(CompletableFuture<Token> running) throws ConnectorException {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ConnectorException classified) {
                throw rethrown(classified);
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** A copy for this thread, so its stack shows where this caller waited. */
    private static ConnectorException rethrown(ConnectorException shared) {
        return switch (shared) {
            case AuthenticationException e -> new AuthenticationException(e.getMessage(), e);
            case ConfigurationException e -> new ConfigurationException(e.getMessage(), e);
            case RateLimitedException e ->
                new RateLimitedException(e.getMessage(), e.retryAfter().orElse(null), e);
            case RetriableException e ->
                new RetriableException(e.getMessage(), e.retryAfter().orElse(null), e);
            default -> shared;
        };
    }

    private Token fetch() throws ConnectorException {
        URI url = credentials.tokenUrl();
        requests.incrementAndGet();
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        if (credentials.scope() != null && !credentials.scope().isBlank()) {
            form.append("&scope=").append(encode(credentials.scope()));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        String correlationId = org.slf4j.MDC.get(Correlation.MDC_KEY);
        if (correlationId != null) {
            request.header(Correlation.HEADER, correlationId);
        }
        switch (credentials.clientAuth()) {
            case BASIC -> {
                String pair = credentials.clientId() + ":"
                        + credentials.clientSecret().reveal();
                request.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
            case FORM ->
                form.append("&client_id=")
                        .append(encode(credentials.clientId()))
                        .append("&client_secret=")
                        .append(encode(credentials.clientSecret().reveal()));
        }
        request.POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        Instant sentAt = clock.instant();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw TransportFailure.classify(e, url, "the token endpoint").toException(e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while waiting for the token endpoint at " + host(url));
        }
        Token token = read(response, url, sentAt);
        log.debug("obtained an access token from {} valid until {}", host(url), token.expiresAt());
        return token;
    }

    private Token read(HttpResponse<byte[]> response, URI url, Instant sentAt) throws ConnectorException {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        String error = body != null && body.path("error").isString()
                ? body.path("error").stringValue()
                : null;
        String where = "the token endpoint " + endpoint(url);
        if (status == 429 || status >= 500) {
            Duration retryAfter = RetryAfter.parse(
                            response.headers().firstValue("Retry-After").orElse(null), clock)
                    .orElse(null);
            String message = where + " answered " + status + "; try again later";
            throw status == 429
                    ? new RateLimitedException(message, retryAfter, null)
                    : new RetriableException(message, retryAfter, null);
        }
        if (status == 401 || status == 403 || "invalid_client".equals(error) || "unauthorized_client".equals(error)) {
            throw new AuthenticationException(where + " rejected the client credentials (" + status
                    + (error != null ? " " + error : "") + "): check the client id and secret"
                    + (credentials.clientAuth() == UpstreamAuth.ClientAuthMethod.BASIC
                            ? " and whether the server wants them in the form body instead of HTTP Basic"
                            : " and whether the server wants them in HTTP Basic instead of the form body"));
        }
        if ("invalid_scope".equals(error)) {
            throw new ConfigurationException(where + " refused the scope '" + credentials.scope()
                    + "' (invalid_scope): ask for scopes the client is granted");
        }
        if (status == 400 && error != null) {
            throw new ConfigurationException(where + " refused the token request (400 " + error + ")");
        }
        if (status != 200 || body == null || !body.isObject()) {
            String what = body == null ? contentType(response) : "JSON without an access_token";
            throw new ConfigurationException(endpoint(url)
                    + " is not a token endpoint (check the token URL): it answered " + status + " with " + what);
        }
        JsonNode accessToken = body.path("access_token");
        if (!accessToken.isString() || accessToken.stringValue().isBlank()) {
            throw new ConfigurationException(endpoint(url)
                    + " is not a token endpoint (check the token URL): its 200 answer has no access_token");
        }
        String tokenType = body.path("token_type").asString("bearer");
        if (!tokenType.equalsIgnoreCase("bearer")) {
            throw new ConfigurationException(
                    where + " issued a '" + tokenType + "' token; only bearer tokens are supported");
        }
        Duration lifetime = body.path("expires_in").canConvertToLong()
                        && body.path("expires_in").asLong() > 0
                ? Duration.ofSeconds(body.path("expires_in").asLong())
                : DEFAULT_LIFETIME;
        Duration early = lifetime.dividedBy(5).compareTo(margin) < 0 ? lifetime.dividedBy(5) : margin;
        Instant expiresAt = sentAt.plus(lifetime);
        return new Token(Secret.of(accessToken.stringValue()), expiresAt.minus(early), expiresAt);
    }

    private static @Nullable JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || node.isMissingNode() || !node.isObject() ? null : node;
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private static String contentType(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElse("no content type");
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.contains("html")) {
            return "an HTML page";
        }
        return response.body().length == 0 ? "an empty body" : "a body that is not JSON (" + type + ")";
    }

    private static String endpoint(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    private static String host(URI url) {
        return String.valueOf(url.getHost());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
