package dev.rollcall.gateway.internal;

import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.http.OAuth1Signature;
import dev.rollcall.connector.api.http.UpstreamAuth;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * How one client stack authenticates its requests: the {@code Authorization} value for each
 * attempt, and whether a 401 is worth one retry with a renewed credential.
 */
public sealed interface Authentication {

    /** The credential of one attempt: the header value (null for none) and what it was made from. */
    record Credential(
            @Nullable String authorization, @Nullable Object source) {
        static final Credential NONE = new Credential(null, null);
    }

    /** The credential for one attempt (re-made for every attempt: OAuth 1.0a needs a fresh nonce). */
    Credential credential(String method, URI uri, @Nullable String formBody) throws ConnectorException;

    /**
     * Called on a 401 answered to {@code used}: drops it when it is a cached token and says whether
     * one retry with a fresh credential can succeed.
     */
    boolean renewAfterUnauthorized(Credential used);

    /** Obtains a credential now when there is a token flow (the connection doctor). */
    void authenticate() throws ConnectorException;

    /** The authentication of {@code auth}; OAuth 2.0 ones use {@code tokens}. */
    static Authentication of(UpstreamAuth auth, Clock clock, OAuth2TokenSource.@Nullable Factory tokens) {
        return switch (auth) {
            case UpstreamAuth.None none -> new Unauthenticated();
            case UpstreamAuth.Bearer bearer -> new BearerToken(bearer);
            case UpstreamAuth.OAuth1 oauth1 -> new OAuth1Signing(oauth1, clock);
            case UpstreamAuth.OAuth2ClientCredentials credentials -> {
                if (tokens == null) {
                    throw new IllegalStateException("OAuth 2.0 needs a token source factory");
                }
                yield new OAuth2Bearer(tokens.tokenSource(credentials));
            }
        };
    }

    /** No credential. */
    final class Unauthenticated implements Authentication {
        @Override
        public Credential credential(String method, URI uri, @Nullable String formBody) {
            return Credential.NONE;
        }

        @Override
        public boolean renewAfterUnauthorized(Credential used) {
            return false;
        }

        @Override
        public void authenticate() {}
    }

    /** A fixed bearer token: a 401 cannot be cured by asking again. */
    final class BearerToken implements Authentication {
        private final UpstreamAuth.Bearer bearer;

        BearerToken(UpstreamAuth.Bearer bearer) {
            this.bearer = bearer;
        }

        @Override
        public Credential credential(String method, URI uri, @Nullable String formBody) {
            return new Credential("Bearer " + bearer.token().reveal(), null);
        }

        @Override
        public boolean renewAfterUnauthorized(Credential used) {
            return false;
        }

        @Override
        public void authenticate() {}
    }

    /** OAuth 1.0a one-legged signing: a fresh nonce and the clock's timestamp for every attempt. */
    final class OAuth1Signing implements Authentication {
        private static final SecureRandom NONCES = new SecureRandom();
        private final UpstreamAuth.OAuth1 oauth1;
        private final Clock clock;

        OAuth1Signing(UpstreamAuth.OAuth1 oauth1, Clock clock) {
            this.oauth1 = oauth1;
            this.clock = clock;
        }

        @Override
        public Credential credential(String method, URI uri, @Nullable String formBody) {
            byte[] nonce = new byte[16];
            NONCES.nextBytes(nonce);
            String header = OAuth1Signature.authorizationHeader(
                    method,
                    uri,
                    formBody,
                    oauth1.consumerKey(),
                    oauth1.consumerSecret().reveal(),
                    oauth1.method(),
                    HexFormat.of().formatHex(nonce),
                    clock.instant().getEpochSecond());
            return new Credential(header, null);
        }

        @Override
        public boolean renewAfterUnauthorized(Credential used) {
            return false;
        }

        @Override
        public void authenticate() {}
    }

    /** A cached OAuth 2.0 access token; a 401 drops it and allows one retry with a new one. */
    final class OAuth2Bearer implements Authentication {
        private final OAuth2TokenSource tokens;

        OAuth2Bearer(OAuth2TokenSource tokens) {
            this.tokens = tokens;
        }

        @Override
        public Credential credential(String method, URI uri, @Nullable String formBody) throws ConnectorException {
            OAuth2TokenSource.Token token = tokens.token();
            return new Credential("Bearer " + token.value().reveal(), token);
        }

        @Override
        public boolean renewAfterUnauthorized(Credential used) {
            if (used.source() instanceof OAuth2TokenSource.Token token) {
                tokens.invalidate(token);
                return true;
            }
            return false;
        }

        @Override
        public void authenticate() throws ConnectorException {
            tokens.token();
        }
    }
}
