package dev.rollcall.server.oneroster;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code /ims/oneroster/**} request needs {@code Authorization: Bearer <token>} with a live
 * token from {@code /oauth2/token}; Rollcall's admin API tokens are not accepted here. Anything else
 * is answered 401 {@code unauthorisedrequest} before a controller runs. The {@link OneRosterClient}
 * is put on the request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class OneRosterAuthFilter extends OncePerRequestFilter {

    private final OAuthClients clients;
    private final JsonMapper json;
    private final Clock clock;

    public OneRosterAuthFilter(OAuthClients clients, JsonMapper json, Clock clock) {
        this.clients = clients;
        this.json = json;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/ims/oneroster/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> token = bearer(request.getHeader("Authorization"));
        if (token.isEmpty()) {
            ImsxStatus.write(
                    response,
                    json,
                    new OneRosterException(
                            401,
                            "unauthorisedrequest",
                            "this endpoint needs 'Authorization: Bearer <token>' with a token from /oauth2/token"));
            return;
        }
        Optional<OneRosterClient> client = clients.authenticateToken(token.get(), clock.instant());
        if (client.isEmpty()) {
            ImsxStatus.write(
                    response,
                    json,
                    new OneRosterException(
                            401, "unauthorisedrequest", "the access token is unknown, expired or revoked"));
            return;
        }
        request.setAttribute(OneRosterClient.REQUEST_ATTRIBUTE, client.get());
        chain.doFilter(request, response);
    }

    private static Optional<String> bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).strip();
        return token.isEmpty() || token.length() > 512 ? Optional.empty() : Optional.of(token);
    }
}
