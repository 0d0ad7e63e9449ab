package dev.rollcall.server.security;

import dev.rollcall.server.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code /api/**} request needs {@code Authorization: Bearer <token>} with a live API token;
 * anything else is answered 401 problem+json before a controller runs. The authenticated {@link
 * Caller} is put on the request for the controllers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final JsonMapper json;

    public ApiTokenFilter(ApiTokens tokens, JsonMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/api") || path.startsWith("/api/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = bearerToken(request).flatMap(tokens::authenticate);
        if (caller.isEmpty()) {
            reject(response);
            return;
        }
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    private static Optional<String> bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).strip();
        return token.isEmpty() || token.length() > 512 ? Optional.empty() : Optional.of(token);
    }

    private void reject(HttpServletResponse response) throws IOException {
        ProblemDetail problem = Problems.of(
                HttpStatus.UNAUTHORIZED,
                "unauthorized",
                "Unauthorized",
                "This endpoint needs 'Authorization: Bearer <token>' with a valid Rollcall API token",
                List.of());
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader("WWW-Authenticate", "Bearer realm=\"rollcall\"");
        response.setContentType(Problems.MEDIA_TYPE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
