package dev.rollcall.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import dev.rollcall.connector.api.http.OAuth1Signature;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OneRoster 1.1's request authentication: OAuth 1.0a one-legged signatures (RFC 5849) with the
 * client id as the consumer key and the client secret as the consumer secret. The {@code oauth_*}
 * parameters come in the {@code Authorization: OAuth …} header or, failing that, in the query.
 *
 * <p>A request is refused (401 {@code unauthorisedrequest}, the reason named) when a parameter is
 * missing, the consumer key is unknown, the method is neither {@code HMAC-SHA256} nor {@code
 * HMAC-SHA1}, the timestamp is more than {@link #WINDOW} from the server's clock, the signature
 * (over the base string {@link OAuth1Signature} builds) does not match, or the nonce was used
 * already with that timestamp. Nonces are kept for the window, then forgotten.
 *
 * <p>Thread-safe.
 */
final class OAuth1Verifier implements RequestAuthenticator {

    static final Duration WINDOW = Duration.ofMinutes(5);

    private static final List<String> REQUIRED = List.of(
            "oauth_consumer_key", "oauth_signature_method", "oauth_timestamp", "oauth_nonce", "oauth_signature");

    private final String consumerKey;
    private final String consumerSecret;
    private final Clock clock;
    private final Map<String, Long> nonces = new ConcurrentHashMap<>();
    private final AtomicLong lastPurge = new AtomicLong();
    private final TokenService.Token grant;

    OAuth1Verifier(String consumerKey, String consumerSecret, Clock clock) {
        this.consumerKey = consumerKey;
        this.consumerSecret = consumerSecret;
        this.clock = clock;
        this.grant = new TokenService.Token("oauth1:" + consumerKey, Instant.MAX, Set.of());
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        URI requested = exchange.getRequestURI();
        Map<String, String> oauth = OAuth1Signature.parseAuthorizationHeader(
                exchange.getRequestHeaders().getFirst("Authorization"));
        boolean inQuery = oauth.isEmpty();
        if (inQuery) {
            RosteringHandler.query(requested.getRawQuery()).forEach((name, value) -> {
                if (name.startsWith("oauth_")) {
                    oauth.put(name, value);
                }
            });
        }
        if (oauth.isEmpty()) {
            return Result.refused("OneRoster 1.1 needs an OAuth 1.0a signed request (Authorization: OAuth …)");
        }
        for (String name : REQUIRED) {
            if (oauth.getOrDefault(name, "").isEmpty()) {
                return Result.refused(name + " is missing from the OAuth 1.0a parameters");
            }
        }
        String version = oauth.get("oauth_version");
        if (version != null && !version.equals("1.0")) {
            return Result.refused("oauth_version must be 1.0, but was '" + version + "'");
        }
        if (!MessageDigest.isEqual(
                consumerKey.getBytes(StandardCharsets.UTF_8),
                oauth.get("oauth_consumer_key").getBytes(StandardCharsets.UTF_8))) {
            return Result.refused("oauth_consumer_key is not a known consumer");
        }
        String methodName = oauth.get("oauth_signature_method");
        OAuth1Signature.Method method = OAuth1Signature.Method.fromWireName(methodName);
        if (method == null) {
            return Result.refused(
                    "oauth_signature_method must be HMAC-SHA256 or HMAC-SHA1, but was '" + methodName + "'");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(oauth.get("oauth_timestamp"));
        } catch (NumberFormatException e) {
            return Result.refused(
                    "oauth_timestamp must be unix seconds, but was '" + oauth.get("oauth_timestamp") + "'");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > WINDOW.toSeconds()) {
            return Result.refused("oauth_timestamp " + timestamp + " is more than " + WINDOW.toMinutes()
                    + " minutes from the server's time " + now);
        }
        URI signed = URI.create("http://" + host(exchange) + requested.getRawPath()
                + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery()));
        // Parameters in the query are part of it already; from the header they are added.
        List<OAuth1Signature.Param> params =
                OAuth1Signature.parameters(signed, null, inQuery ? Map.of() : oauth).stream()
                        .filter(param -> !param.name().equals("oauth_signature"))
                        .toList();
        String base = OAuth1Signature.baseString(exchange.getRequestMethod(), signed, params);
        if (!OAuth1Signature.verify(method, base, consumerSecret, oauth.get("oauth_signature"))) {
            return Result.refused("the oauth_signature does not match the request (RFC 5849 §3.4 base string, "
                    + method.wireName() + ")");
        }
        forgetOldNonces(now);
        if (nonces.putIfAbsent(timestamp + ":" + oauth.get("oauth_nonce"), timestamp) != null) {
            return Result.refused("oauth_nonce was used already with this timestamp (a replayed request)");
        }
        return Result.granted(grant);
    }

    private static String host(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null && !host.isBlank()) {
            return host.strip();
        }
        var local = exchange.getLocalAddress();
        return local.getHostString() + ":" + local.getPort();
    }

    private void forgetOldNonces(long now) {
        long last = lastPurge.getAndSet(now);
        if (last != now) {
            long oldest = now - WINDOW.toSeconds();
            nonces.values().removeIf(timestamp -> timestamp < oldest);
        }
    }
}
