package dev.rollcall.connector.api.http;

import dev.rollcall.connector.api.config.Secret;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/** How the gateway authenticates requests to an upstream. Secrets stay {@link Secret}s to the wire. */
public sealed interface UpstreamAuth {

    /** No authentication. */
    record None() implements UpstreamAuth {}

    /** A fixed bearer token (e.g. a Canvas access token). */
    record Bearer(Secret token) implements UpstreamAuth {}

    /**
     * OAuth 2.0 client credentials (RFC 6749 §4.4): a token from {@code tokenUrl}, cached until shortly
     * before it expires, refreshed by one caller at a time however many wait.
     *
     * @param scope space-separated scopes to ask for; null to ask for none
     * @param clientAuth where the client's credentials go
     */
    record OAuth2ClientCredentials(
            URI tokenUrl,
            String clientId,
            Secret clientSecret,
            @Nullable String scope,
            ClientAuthMethod clientAuth) implements UpstreamAuth {}

    /** OAuth 1.0a one-legged request signing (OneRoster 1.1), see {@link OAuth1Signature}. */
    record OAuth1(String consumerKey, Secret consumerSecret, OAuth1Signature.Method method) implements UpstreamAuth {}

    /** Where OAuth 2.0 client credentials are sent. */
    enum ClientAuthMethod {
        /** {@code Authorization: Basic base64(id:secret)} (RFC 6749 §2.3.1, preferred). */
        BASIC,
        /** {@code client_id} and {@code client_secret} in the form body (e.g. AWS Cognito's TimeBack setup). */
        FORM
    }
}
