package dev.rollcall.server.oneroster;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /oauth2/token}: the OAuth 2.0 client credentials grant (RFC 6749 §4.4) for the
 * OneRoster API. The client authenticates with HTTP Basic or with {@code client_id} and {@code
 * client_secret} in the form body (not both); an optional {@code scope} (space-separated, URIs or
 * short names) narrows the token to some of the client's scopes. Errors are RFC 6749 §5.2 JSON:
 * {@code invalid_client} (401), {@code invalid_request}, {@code unsupported_grant_type}, {@code
 * invalid_scope} (400). Answers are never cached.
 */
@RestController
public class TokenEndpoint {

    private final OAuthClients clients;
    private final Clock clock;

    public TokenEndpoint(OAuthClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @PostMapping(path = "/oauth2/token", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> token(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null
                || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    "invalid_request",
                    "the body must be application/x-www-form-urlencoded",
                    false);
        }
        Optional<String[]> basic = basic(request.getHeader("Authorization"));
        String formId = request.getParameter("client_id");
        String formSecret = request.getParameter("client_secret");
        if (basic.isPresent() && formSecret != null) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    "invalid_request",
                    "use one client authentication method: HTTP Basic or client_secret in the body, not both",
                    false);
        }
        String clientId = basic.map(pair -> pair[0]).orElse(formId);
        String secret = basic.map(pair -> pair[1]).orElse(formSecret);
        if (clientId == null || secret == null) {
            return error(
                    HttpStatus.UNAUTHORIZED,
                    "invalid_client",
                    "client authentication is missing: send HTTP Basic or client_id and client_secret",
                    true);
        }
        Optional<OneRosterClient> client = clients.authenticateClient(clientId, secret);
        if (client.isEmpty()) {
            return error(
                    HttpStatus.UNAUTHORIZED,
                    "invalid_client",
                    "unknown client, wrong secret, or the client was revoked",
                    basic.isPresent());
        }
        String grantType = request.getParameter("grant_type");
        if (grantType == null || grantType.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "grant_type is required", false);
        }
        if (!grantType.equals("client_credentials")) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    "unsupported_grant_type",
                    "grant_type '" + grantType + "' is not supported; use client_credentials",
                    false);
        }
        Set<OAuthScope> granted = client.get().scopes();
        String requested = request.getParameter("scope");
        if (requested != null && !requested.isBlank()) {
            Set<OAuthScope> narrowed = EnumSet.noneOf(OAuthScope.class);
            for (String value : requested.strip().split("\\s+")) {
                Optional<OAuthScope> scope = OAuthScope.parse(value);
                if (scope.isEmpty() || !granted.contains(scope.get())) {
                    return error(
                            HttpStatus.BAD_REQUEST,
                            "invalid_scope",
                            "scope '" + value + "' is not one of this client's scopes: "
                                    + OAuthClients.describe(granted),
                            false);
                }
                narrowed.add(scope.get());
            }
            granted = narrowed;
        }
        OAuthClients.Issued issued = clients.issue(client.get(), granted, clock.instant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", issued.expiresIn().toSeconds());
        body.put("scope", OAuthClients.describe(issued.scopes()));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .body(body);
    }

    /** {@code [id, secret]} from an HTTP Basic header (each form-urlencoded, RFC 6749 §2.3.1). */
    static Optional<String[]> basic(@Nullable String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            return Optional.of(new String[] {
                java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            });
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ResponseEntity<Map<String, Object>> error(
            HttpStatus status, String code, String description, boolean basicChallenge) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache");
        if (status == HttpStatus.UNAUTHORIZED) {
            builder.header(
                    "WWW-Authenticate", basicChallenge ? "Basic realm=\"rollcall\"" : "Bearer realm=\"rollcall\"");
        }
        return builder.body(Map.of("error", code, "error_description", description));
    }
}
