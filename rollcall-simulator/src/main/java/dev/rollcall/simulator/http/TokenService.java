package dev.rollcall.simulator.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth 2.0 client credentials for the simulator: one client, tokens with a lifetime, scopes, and
 * revocation (a fault real upstreams produce mid-run), now or every N API requests ({@link
 * #revokeEvery}). Thread-safe.
 */
public final class TokenService {

    /** A token the simulator issued. Empty scopes mean every scope. */
    public record Token(String value, Instant expiresAt, Set<String> scopes) {}

    public static final String WRITE_SCOPE = "roster.createput";
    public static final String DELETE_SCOPE = "roster.delete";

    /**
     * The scopes a client may ask for: the OneRoster 1.2 read scopes, and for TimeBack's writes
     * {@code roster.createput} (POST, PUT) and {@code roster.delete} (DELETE).
     */
    public static final Set<String> SCOPES = Set.of(
            "roster.readonly", "roster-core.readonly", "roster-demographics.readonly", WRITE_SCOPE, DELETE_SCOPE);

    private final String clientId;
    private final byte[] clientSecret;
    private final Duration lifetime;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private int revokeEvery;
    private int servedSinceRevocation;

    public TokenService(String clientId, String clientSecret, Duration lifetime, Clock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** The client id: OneRoster 1.1's OAuth 1.0a consumer key. */
    String clientId() {
        return clientId;
    }

    /** The client secret: OneRoster 1.1's OAuth 1.0a consumer secret, which signs requests. */
    String clientSecret() {
        return new String(clientSecret, StandardCharsets.UTF_8);
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** Checks the client in constant time. */
    public boolean authenticates(String id, String secret) {
        boolean idMatches =
                MessageDigest.isEqual(id.getBytes(StandardCharsets.UTF_8), clientId.getBytes(StandardCharsets.UTF_8));
        boolean secretMatches = MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), clientSecret);
        return idMatches & secretMatches;
    }

    public Token issue(Set<String> scopes) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        Token token = new Token(
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                clock.instant().plus(lifetime),
                scopes);
        tokens.put(token.value(), token);
        return token;
    }

    /** The live token, if the value names one that has not expired or been revoked. */
    public Optional<Token> find(String value) {
        Token token = tokens.get(value);
        if (token == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            tokens.remove(value);
            return Optional.empty();
        }
        return Optional.of(token);
    }

    /**
     * The live token for one API request, counted for {@link #revokeEvery}: when the request is the
     * one after N served since the last revocation, every token is revoked first, so this request
     * gets none and its client must fetch a new token.
     */
    public synchronized Optional<Token> authorize(String value) {
        Optional<Token> token = find(value);
        if (token.isPresent() && revokeEvery > 0 && ++servedSinceRevocation > revokeEvery) {
            revokeAll();
            servedSinceRevocation = 0;
            return Optional.empty();
        }
        return token;
    }

    /**
     * The token revocation fault: from now on, after every {@code requests} API requests served,
     * every issued token is revoked; 0 turns it off.
     */
    public synchronized void revokeEvery(int requests) {
        if (requests < 0) {
            throw new IllegalArgumentException("revokeAfter must be 0 (off) or more, but was " + requests);
        }
        revokeEvery = requests;
        servedSinceRevocation = 0;
    }

    /** Revokes every token issued so far; clients must fetch a new one. */
    public int revokeAll() {
        int count = tokens.size();
        tokens.clear();
        return count;
    }

    /** The last path segment of a scope URI, e.g. {@code roster-core.readonly}. */
    public static String shortScope(String scope) {
        return scope.substring(scope.lastIndexOf('/') + 1);
    }
}
