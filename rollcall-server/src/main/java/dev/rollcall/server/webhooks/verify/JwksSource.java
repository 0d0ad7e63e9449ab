package dev.rollcall.server.webhooks.verify;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * RSA public keys by key id from a JSON Web Key Set (RFC 7517), fetched from a URL (Google's {@code
 * https://www.googleapis.com/oauth2/v3/certs} by default) and kept for an hour; an unknown key id
 * refetches the set, at most once a minute, so Google's key rotation is followed without a restart.
 */
final class JwksSource {

    private static final Logger log = LoggerFactory.getLogger(JwksSource.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration KEEP = Duration.ofHours(1);
    private static final Duration MIN_REFRESH = Duration.ofMinutes(1);

    private final URI url;
    private final HttpClient http;
    private final Clock clock;
    private Map<String, PublicKey> keys = Map.of();
    private Instant fetchedAt = Instant.EPOCH;

    JwksSource(URI url, HttpClient http, Clock clock) {
        this.url = url;
        this.http = http;
        this.clock = clock;
    }

    synchronized Optional<PublicKey> key(String keyId) {
        Instant now = clock.instant();
        boolean expired = now.isAfter(fetchedAt.plus(KEEP));
        boolean unknown = !keys.containsKey(keyId) && now.isAfter(fetchedAt.plus(MIN_REFRESH));
        if (expired || unknown) {
            refresh(now);
        }
        return Optional.ofNullable(keys.get(keyId));
    }

    private void refresh(Instant now) {
        fetchedAt = now;
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                log.warn("JWKS {} answered {}; keeping {} known keys", url, response.statusCode(), keys.size());
                return;
            }
            keys = parse(JSON.readTree(response.body()));
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("JWKS {} could not be read ({}); keeping {} known keys", url, e.toString(), keys.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, PublicKey> parse(JsonNode jwks) {
        Map<String, PublicKey> parsed = new HashMap<>();
        for (JsonNode jwk : jwks.path("keys")) {
            if (!"RSA".equals(jwk.path("kty").asString("")) || !jwk.hasNonNull("kid")) {
                continue;
            }
            try {
                BigInteger modulus = new BigInteger(
                        1, Base64.getUrlDecoder().decode(jwk.path("n").asString("")));
                BigInteger exponent = new BigInteger(
                        1, Base64.getUrlDecoder().decode(jwk.path("e").asString("")));
                parsed.put(
                        jwk.get("kid").asString(),
                        KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent)));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                log.warn("skipping an unusable key in the JWKS: {}", e.toString());
            }
        }
        return Map.copyOf(parsed);
    }
}
