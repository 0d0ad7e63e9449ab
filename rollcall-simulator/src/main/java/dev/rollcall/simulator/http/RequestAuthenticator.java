package dev.rollcall.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.util.Optional;

/**
 * How a rostering request proves who sent it: a bearer token from {@code /oauth2/token} (OneRoster
 * 1.2, TimeBack) or an OAuth 1.0a signature (OneRoster 1.1, {@link OAuth1Verifier}). Thread-safe.
 */
interface RequestAuthenticator {

    /**
     * The outcome for one request.
     *
     * @param token the token the request acts with; empty when it is refused
     * @param refusal why it is refused, for the 401's {@code imsx_description}; never a secret
     */
    record Result(Optional<TokenService.Token> token, String refusal) {

        static Result granted(TokenService.Token token) {
            return new Result(Optional.of(token), "");
        }

        static Result refused(String reason) {
            return new Result(Optional.empty(), reason);
        }
    }

    /** Reads the request's credentials; may consume nothing but headers and the URI. */
    Result authenticate(HttpExchange exchange);

    /** A bearer token the {@link TokenService} issued and still honours, counted for token revocation. */
    static RequestAuthenticator bearer(TokenService tokens) {
        return exchange -> RosteringHandler.bearer(exchange)
                .flatMap(tokens::authorize)
                .map(Result::granted)
                .orElseGet(() -> Result.refused("a valid, unexpired bearer token is required"));
    }
}
