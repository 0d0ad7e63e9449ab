package dev.rollcall.server.webhooks.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.rollcall.connector.api.webhook.WebhookRequest;
import dev.rollcall.server.webhooks.verify.Verification.Failure;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Google Pub/Sub push tokens made with Nimbus JOSE+JWT (an independent JOSE library), checked
 * against a JWKS served over real HTTP, as Google's certs endpoint serves it.
 */
class GooglePubSubVerifierTest {

    private static final String AUDIENCE = "https://rollcall.example/webhooks/ep-1";
    private static final String EMAIL = "push@project.iam.gserviceaccount.com";
    private static final String BODY =
            "{\"message\":{\"data\":\"e30=\",\"messageId\":\"2070443601311540\"},\"subscription\":\"projects/p/subscriptions/s\"}";

    private HttpServer jwks;
    private RSAKey googleKey;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private WebhookVerifier verifier;
    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @BeforeEach
    void serveJwks() throws Exception {
        googleKey = new RSAKeyGenerator(2048).keyID("google-key-1").generate();
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("google-key-0").generate();
        byte[] keys = new JWKSet(java.util.List.of(otherKey.toPublicJWK(), googleKey.toPublicJWK()))
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/oauth2/v3/certs", exchange -> {
            jwksRequests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        jwks.start();
        verifier = WebhookScheme.GOOGLE_PUBSUB.verifier(
                Map.of(
                        "audience", AUDIENCE,
                        "serviceAccountEmail", EMAIL,
                        "jwksUrl", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/oauth2/v3/certs"),
                java.util.List.of(),
                HttpClient.newHttpClient(),
                Clock.fixed(now, java.time.ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        jwks.stop(0);
    }

    private JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer("https://accounts.google.com")
                .audience(AUDIENCE)
                .claim("email", EMAIL)
                .claim("email_verified", true)
                .subject("1234567890")
                .issueTime(Date.from(now.minusSeconds(30)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(59))));
    }

    private String token(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static WebhookRequest push(String token) {
        return WebhookSchemeTest.request(AUDIENCE, BODY, "Authorization", "Bearer " + token);
    }

    @Test
    void acceptsAGoogleSignedTokenForThisAudienceAndAccount() throws Exception {
        Verification result = verifier.verify(push(token(claims().build(), googleKey)), now);

        assertThat(result.valid()).isTrue();
        assertThat(result.eventId()).isEqualTo("2070443601311540");
        assertThat(jwksRequests).hasValue(1);
        verifier.verify(push(token(claims().build(), googleKey)), now);
        assertThat(jwksRequests).as("keys are cached").hasValue(1);
    }

    @Test
    void rejectsWrongAudienceEmailIssuerOrUnverifiedEmail() throws Exception {
        assertThat(verifier.verify(
                                push(token(
                                        claims().audience("https://elsewhere").build(), googleKey)),
                                now)
                        .failure())
                .isEqualTo(Failure.BAD_SIGNATURE);
        assertThat(verifier.verify(
                                push(token(
                                        claims().claim("email", "evil@x.iam.gserviceaccount.com")
                                                .build(),
                                        googleKey)),
                                now)
                        .failure())
                .isEqualTo(Failure.BAD_SIGNATURE);
        assertThat(verifier.verify(
                                push(token(
                                        claims().issuer("https://evil.example").build(), googleKey)),
                                now)
                        .failure())
                .isEqualTo(Failure.BAD_SIGNATURE);
        assertThat(verifier.verify(
                                push(token(
                                        claims().claim("email_verified", false).build(), googleKey)),
                                now)
                        .failure())
                .isEqualTo(Failure.BAD_SIGNATURE);
    }

    @Test
    void rejectsExpiredTokensForgedSignaturesAndOtherAlgorithms() throws Exception {
        JWTClaimsSet expired = claims().expirationTime(Date.from(now.minus(Duration.ofMinutes(6))))
                .build();
        assertThat(verifier.verify(push(token(expired, googleKey)), now).failure())
                .isEqualTo(Failure.STALE_TIMESTAMP);

        RSAKey attacker = new RSAKeyGenerator(2048).keyID("google-key-1").generate();
        assertThat(verifier.verify(push(token(claims().build(), attacker)), now).failure())
                .isEqualTo(Failure.BAD_SIGNATURE);

        SignedJWT hs256 = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("google-key-1").build(), claims().build());
        hs256.sign(new MACSigner(new byte[32]));
        assertThat(verifier.verify(push(hs256.serialize()), now).failure()).isEqualTo(Failure.BAD_SIGNATURE);

        assertThat(verifier.verify(push("not.a.jwt.at.all"), now).failure()).isEqualTo(Failure.MALFORMED);
        assertThat(verifier.verify(WebhookSchemeTest.request(AUDIENCE, BODY), now)
                        .failure())
                .isEqualTo(Failure.MISSING_SIGNATURE);
    }
}
