package dev.rollcall.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the integration tests: tokens, rostering calls and the admin API. */
final class SimulatorClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Simulator simulator;

    SimulatorClient(Simulator simulator) {
        this.simulator = simulator;
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static String codeMinor(HttpResponse<String> response) {
        return json(response).findValue("imsx_codeMinorFieldValue").asString();
    }

    /** A token for the default client, with the given scopes (none: every scope). */
    String token(String... scopes) {
        String form = "grant_type=client_credentials&client_id=demo&client_secret=demo-secret"
                + (scopes.length == 0 ? "" : "&scope=" + String.join("%20", scopes));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token refused: " + response.body());
        }
        return json(response).path("access_token").asString();
    }

    private HttpRequest.Builder rostering(String token, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(simulator.rosteringUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> get(String token, String pathAndQuery) {
        return send(rostering(token, pathAndQuery).GET());
    }

    HttpResponse<String> post(String token, String path, String body) {
        return send(rostering(token, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    HttpResponse<String> put(String token, String path, String body) {
        return send(rostering(token, path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    HttpResponse<String> delete(String token, String path) {
        return send(rostering(token, path).DELETE());
    }

    HttpResponse<String> admin(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }
}
