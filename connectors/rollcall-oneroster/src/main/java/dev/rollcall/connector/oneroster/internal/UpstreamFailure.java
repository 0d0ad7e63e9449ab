package dev.rollcall.connector.oneroster.internal;

import dev.rollcall.connector.api.http.UpstreamResponse;

/**
 * An answer the connector cannot use as it is: a status that is not a success, or a body that does
 * not parse. Never leaves the connector: {@link OneRosterErrorClassifier} turns it into a classified
 * exception.
 */
final class UpstreamFailure extends Exception {

    /** What the request was for; the same status means different things for each. */
    enum Purpose {
        READ,
        FETCH,
        WRITE
    }

    private final Purpose purpose;
    private final String request;
    private final UpstreamResponse response;
    private final boolean malformed;

    private UpstreamFailure(
            Purpose purpose, String request, UpstreamResponse response, boolean malformed, String message) {
        super(message);
        this.purpose = purpose;
        this.request = request;
        this.response = response;
        this.malformed = malformed;
    }

    /** A status that is not a success. */
    static UpstreamFailure status(Purpose purpose, String request, UpstreamResponse response) {
        return new UpstreamFailure(purpose, request, response, false, request + " answered " + response.status());
    }

    /** A success whose body is truncated, not JSON, or not the shape OneRoster gives it. */
    static UpstreamFailure malformed(Purpose purpose, String request, UpstreamResponse response, String why) {
        return new UpstreamFailure(purpose, request, response, true, why);
    }

    Purpose purpose() {
        return purpose;
    }

    /** The method and path, e.g. {@code GET /ims/oneroster/rostering/v1p2/users}; never a secret. */
    String request() {
        return request;
    }

    UpstreamResponse response() {
        return response;
    }

    boolean malformed() {
        return malformed;
    }
}
