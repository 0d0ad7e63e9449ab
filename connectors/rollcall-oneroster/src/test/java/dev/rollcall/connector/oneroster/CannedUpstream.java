package dev.rollcall.connector.oneroster;

import dev.rollcall.connector.api.ConnectorContext;
import dev.rollcall.connector.api.config.ConfigValidation;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.connector.api.http.UpstreamResponse;
import dev.rollcall.connector.oneroster.internal.OneRosterConnector;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake upstream for hermetic tests: answers each request with what the test's function says, and
 * records every request. Stands in for the gateway's client.
 */
final class CannedUpstream implements UpstreamClient {

    @FunctionalInterface
    interface Answer {
        UpstreamResponse answer(UpstreamRequest request) throws ConnectorException;
    }

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC);

    final List<UpstreamRequest> requests = new CopyOnWriteArrayList<>();
    private final Answer answer;
    int authentications;
    ConnectorException authenticationFailure;

    CannedUpstream(Answer answer) {
        this.answer = answer;
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) throws ConnectorException {
        requests.add(request);
        return answer.answer(request);
    }

    @Override
    public void authenticate() throws ConnectorException {
        authentications++;
        if (authenticationFailure != null) {
            throw authenticationFailure;
        }
    }

    ConnectorContext context() {
        return ConnectorContext.of("tenant", "integration", CLOCK, spec -> this);
    }

    /** A connector on this upstream with a raw config (validated first). */
    OneRosterConnector open(Map<String, Object> raw) throws ConnectorException {
        ConfigValidation validation =
                new OneRosterConnectorFactory().descriptor().configSpec().validate(raw);
        if (!validation.valid()) {
            throw new AssertionError("invalid test config: " + validation.problems());
        }
        return (OneRosterConnector) new OneRosterConnectorFactory().open(validation.config(), context());
    }

    /** The value of a query parameter of a recorded request. */
    static String param(UpstreamRequest request, String name) {
        for (String pair : request.uri().getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static UpstreamResponse json(int status, String body, Map<String, List<String>> headers) {
        return new UpstreamResponse(
                status, headers, body.getBytes(StandardCharsets.UTF_8), false, 1, Duration.ofMillis(1));
    }

    static UpstreamResponse json(int status, String body) {
        return json(status, body, Map.of());
    }

    /** {@code {"users": [ {user 0}, … ]}} for ids {@code u-<from>} … with the given extra body members. */
    static String users(int from, int count, String extra) {
        List<String> records = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            records.add(user("u-" + i));
        }
        return "{\"users\":[" + String.join(",", records) + "]" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static String user(String id) {
        return """
                {"sourcedId":"%s","status":"active","dateLastModified":"2025-08-01T00:00:00.000Z",\
                "enabledUser":"true","givenName":"Ada","familyName":"Lovelace",\
                "roles":[{"roleType":"primary","role":"student","org":{"href":"/orgs/o-1","sourcedId":"o-1","type":"org"}}]}""".formatted(id);
    }

    static Map<String, Object> config(String profile) {
        return new java.util.LinkedHashMap<>(Map.of(
                "profile", profile,
                "baseUrl", "https://roster.example.org",
                "tokenUrl", "https://roster.example.org/oauth2/token",
                "clientId", "client",
                "clientSecret", "secret"));
    }
}
