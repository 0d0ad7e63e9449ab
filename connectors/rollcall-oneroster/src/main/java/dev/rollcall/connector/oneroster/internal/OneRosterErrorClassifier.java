package dev.rollcall.connector.oneroster.internal;

import dev.rollcall.connector.api.ErrorClassifier;
import dev.rollcall.connector.api.error.AuthenticationException;
import dev.rollcall.connector.api.error.ConfigurationException;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.error.DataException;
import dev.rollcall.connector.api.error.RateLimitedException;
import dev.rollcall.connector.api.error.RetriableException;
import dev.rollcall.connector.api.http.UpstreamResponse;
import dev.rollcall.connector.api.json.RosterJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The one place where the OneRoster connector decides what a failure means (Debezium's {@code
 * ErrorHandler} is the model):
 *
 * <ul>
 *   <li>401 after the gateway's refresh: authentication, never retried;
 *   <li>403: the credentials lack a scope (configuration); 404 on a collection: a wrong base URL or
 *       path prefix (configuration); 400: a filter or field selection the server refuses
 *       (configuration);
 *   <li>400, 409 and 422 to a write: the record was refused (data);
 *   <li>429: rate limited, with its {@code Retry-After} (seconds or an HTTP date);
 *   <li>408, 5xx, I/O failures and truncated or malformed pages: retriable.
 * </ul>
 *
 * Messages name the request and the server's own {@code imsx} description, and never a secret.
 * Thread-safe.
 */
public final class OneRosterErrorClassifier implements ErrorClassifier {

    private final Clock clock;

    public OneRosterErrorClassifier(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ConnectorException classify(Throwable failure) {
        return switch (failure) {
            case ConnectorException classified -> classified;
            case UpstreamFailure upstream
            when upstream.malformed() ->
                new RetriableException(
                        upstream.request() + " answered " + upstream.response().status()
                                + " with a truncated or malformed body (" + upstream.getMessage() + ")",
                        null,
                        upstream);
            case UpstreamFailure upstream -> byStatus(upstream);
            case JacksonException json ->
                new RetriableException("a response did not parse as JSON: " + json.getOriginalMessage(), null, json);
            case IOException io -> new RetriableException("I/O failure: " + io, null, io);
            case UncheckedIOException io -> new RetriableException("I/O failure: " + io.getCause(), null, io);
            case TimeoutException timeout ->
                new RetriableException("timed out: " + timeout.getMessage(), null, timeout);
            case InterruptedException interrupted ->
                new RetriableException("interrupted while waiting for the server", null, interrupted);
            default ->
                new RetriableException(
                        "unexpected failure (" + failure.getClass().getSimpleName() + "): " + failure.getMessage(),
                        null,
                        failure);
        };
    }

    private ConnectorException byStatus(UpstreamFailure failure) {
        UpstreamResponse response = failure.response();
        int status = response.status();
        String said = serverSaid(response);
        String what = failure.request() + " answered " + status + said;
        boolean write = failure.purpose() == UpstreamFailure.Purpose.WRITE;
        if (status == 401) {
            return new AuthenticationException(
                    what + ": the server refused the credentials even with a fresh token; check clientId and "
                            + "clientSecret (and, for OAuth 1.0a, the clock)",
                    failure);
        }
        if (status == 403) {
            return new ConfigurationException(
                    what + ": the credentials are not allowed this; ask the server's administrator for the scope "
                            + "(e.g. roster-core.readonly, roster-demographics.readonly, or a write scope) and set "
                            + "'scope'",
                    failure);
        }
        if (status == 429) {
            return new RateLimitedException(what + ": rate limited", retryAfter(response), failure);
        }
        if (status == 408 || status >= 500) {
            return new RetriableException(what + ": a temporary server failure", retryAfter(response), failure);
        }
        if (write && (status == 400 || status == 409 || status == 422)) {
            return new DataException(what + ": the server refused the record", null, failure);
        }
        if (status == 404) {
            return new ConfigurationException(
                    what + ": no such endpoint; check baseUrl and pathPrefix (e.g. /ims/oneroster/rostering/v1p2, "
                            + "/rostering/1.0 or /ims/oneroster/v1p1)",
                    failure);
        }
        if (status == 400) {
            return new ConfigurationException(
                    what + ": the server refused the query; check the filter and fields settings of this stream",
                    failure);
        }
        return new ConfigurationException(what + ": an answer the OneRoster binding does not define", failure);
    }

    /** The {@code Retry-After} header as a wait: seconds, or an HTTP date from now. */
    @Nullable
    Duration retryAfter(UpstreamResponse response) {
        Optional<String> header = response.header("Retry-After");
        if (header.isEmpty()) {
            return null;
        }
        String value = header.get().strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** {@code " (unknownobject: User u-1 does not exist)"} from an imsx body, wrapped or flat; or "". */
    static String serverSaid(UpstreamResponse response) {
        if (response.body().length == 0) {
            return "";
        }
        try {
            JsonNode body = RosterJson.mapper().readTree(response.body());
            JsonNode info = body.has("imsx_StatusInfo") ? body.get("imsx_StatusInfo") : body;
            String description = info.path("imsx_description").asString("");
            String minor = "";
            for (JsonNode field : info.path("imsx_CodeMinor").path("imsx_codeMinorField")) {
                minor = field.path("imsx_codeMinorFieldValue").asString("");
            }
            if (description.isEmpty() && minor.isEmpty()) {
                String error = body.path("error").asString(body.path("detail").asString(""));
                return error.isEmpty() ? "" : " (" + cut(error) + ")";
            }
            return " (" + (minor.isEmpty() ? "" : minor + ": ") + cut(description) + ")";
        } catch (JacksonException e) {
            return " (" + cut(response.bodyText(200)) + ")";
        }
    }

    private static String cut(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
