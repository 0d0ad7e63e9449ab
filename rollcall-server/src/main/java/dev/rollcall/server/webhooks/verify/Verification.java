package dev.rollcall.server.webhooks.verify;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking one request.
 *
 * @param valid whether the signature (and its timestamp, if signed) is good
 * @param eventId the provider's event id when the request carries one, for replay protection
 * @param sentAt when the provider says it sent the event, when it says
 * @param failure why it was rejected, for metrics and logs only: never sent to the caller
 */
public record Verification(
        boolean valid,
        @Nullable String eventId,
        @Nullable Instant sentAt,
        @Nullable Failure failure) {

    /** Why a request was rejected; one metric tag each. */
    public enum Failure {
        MISSING_SIGNATURE,
        BAD_SIGNATURE,
        STALE_TIMESTAMP,
        MALFORMED
    }

    public static Verification ok(@Nullable String eventId, @Nullable Instant sentAt) {
        return new Verification(true, eventId, sentAt, null);
    }

    public static Verification rejected(Failure failure) {
        return new Verification(false, null, null, failure);
    }
}
