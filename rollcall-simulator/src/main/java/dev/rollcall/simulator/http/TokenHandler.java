package dev.rollcall.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /oauth2/token}: the client credentials grant, with the client's credentials in the
 * form body or in HTTP Basic, and optional scopes (full URIs or their last segment).
 */
final class TokenHandler implements HttpHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TokenService tokens;

    TokenHandler(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                oauthError(exchange, 405, "invalid_request", "use POST");
                return;
            }
            Map<String, String> form = RosteringHandler.query(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String clientId = form.get("client_id");
            String clientSecret = form.get("client_secret");
            String basic = exchange.getRequestHeaders().getFirst("Authorization");
            if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
                String decoded;
                try {
                    decoded = new String(
                            Base64.getDecoder().decode(basic.substring(6).strip()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    oauthError(exchange, 401, "invalid_client", "malformed Basic credentials");
                    return;
                }
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    clientId = decoded.substring(0, colon);
                    clientSecret = decoded.substring(colon + 1);
                }
            }
            if (!"client_credentials".equals(form.get("grant_type"))) {
                oauthError(exchange, 400, "unsupported_grant_type", "only client_credentials is supported");
                return;
            }
            if (clientId == null || clientSecret == null || !tokens.authenticates(clientId, clientSecret)) {
                oauthError(exchange, 401, "invalid_client", "unknown client or wrong secret");
                return;
            }
            Set<String> scopes = new LinkedHashSet<>();
            String requested = form.getOrDefault("scope", "").strip();
            for (String scope : requested.isEmpty() ? new String[0] : requested.split("\\s+")) {
                String name = TokenService.shortScope(scope);
                if (!TokenService.SCOPES.contains(name)) {
                    oauthError(exchange, 400, "invalid_scope", "unknown scope " + scope);
                    return;
                }
                scopes.add(name);
            }
            TokenService.Token token = tokens.issue(Set.copyOf(scopes));
            ObjectNode body = JSON.createObjectNode();
            body.put("access_token", token.value());
            body.put("token_type", "Bearer");
            body.put("expires_in", tokens.lifetime().toSeconds());
            if (!requested.isEmpty()) {
                body.put("scope", requested);
            }
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            RosteringHandler.send(exchange, 200, "application/json", JSON.writeValueAsBytes(body));
        }
    }

    private static void oauthError(HttpExchange exchange, int status, String error, String description)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        RosteringHandler.send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }
}
