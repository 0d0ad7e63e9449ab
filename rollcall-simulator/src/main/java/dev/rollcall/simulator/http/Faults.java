package dev.rollcall.simulator.http;

import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The faults the simulator injects into rostering responses, set by flags or {@code POST
 * /admin/faults}. Shares are fractions of requests (0 to 1); which requests get a fault is decided
 * by a counter, not by chance, so a run is reproducible: with a share of 0.25 every fourth request
 * fails.
 *
 * @param latencyMillis added to every rostering response
 * @param throttleShare answered 429 {@code server_busy}
 * @param retryAfterSeconds sent with a 429 as {@code Retry-After}; negative sends none
 * @param errorShare answered with {@code errorStatus} (500, 502 or 503)
 * @param hangShare never answered (the connection stays open until the client gives up)
 * @param malformedShare answered 200 with JSON that does not parse
 * @param truncatedShare answered 200 with the body cut in the middle
 * @param pageMax a server-side page maximum below the dialect's (0: none)
 * @param shiftEveryPage insert a new record at the front of the collection after each page served
 *     (records changing between page reads: an offset shift)
 * @param revokeAfter token revocation mid-run: after every {@code revokeAfter} API requests served,
 *     every issued token is revoked, so the next request gets a 401 and its client must fetch a new
 *     token (0: never); counted from when the fault is set
 */
public record Faults(
        long latencyMillis,
        double throttleShare,
        int retryAfterSeconds,
        double errorShare,
        int errorStatus,
        double hangShare,
        double malformedShare,
        double truncatedShare,
        int pageMax,
        boolean shiftEveryPage,
        int revokeAfter) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static final Faults NONE = new Faults(0, 0, -1, 0, 503, 0, 0, 0, 0, false, 0);

    /** The faults without token revocation. */
    public Faults(
            long latencyMillis,
            double throttleShare,
            int retryAfterSeconds,
            double errorShare,
            int errorStatus,
            double hangShare,
            double malformedShare,
            double truncatedShare,
            int pageMax,
            boolean shiftEveryPage) {
        this(
                latencyMillis,
                throttleShare,
                retryAfterSeconds,
                errorShare,
                errorStatus,
                hangShare,
                malformedShare,
                truncatedShare,
                pageMax,
                shiftEveryPage,
                0);
    }

    /** These faults with token revocation after every {@code requests} API requests. */
    public Faults withRevokeAfter(int requests) {
        return new Faults(
                latencyMillis,
                throttleShare,
                retryAfterSeconds,
                errorShare,
                errorStatus,
                hangShare,
                malformedShare,
                truncatedShare,
                pageMax,
                shiftEveryPage,
                requests);
    }

    public Faults {
        requireShare("throttleShare", throttleShare);
        requireShare("errorShare", errorShare);
        requireShare("hangShare", hangShare);
        requireShare("malformedShare", malformedShare);
        requireShare("truncatedShare", truncatedShare);
        if (errorStatus != 500 && errorStatus != 502 && errorStatus != 503 && errorStatus != 504) {
            throw new IllegalArgumentException("errorStatus must be 500, 502, 503 or 504, but was " + errorStatus);
        }
        if (latencyMillis < 0 || pageMax < 0) {
            throw new IllegalArgumentException("latencyMillis and pageMax must not be negative");
        }
        if (revokeAfter < 0) {
            throw new IllegalArgumentException("revokeAfter must be 0 (never) or more, but was " + revokeAfter);
        }
    }

    /**
     * These faults with one changed, as the {@code --fault} flag gives it: {@code name=value}, e.g.
     * {@code throttleShare=0.25} or {@code revokeAfter=50}.
     *
     * @throws IllegalArgumentException naming the fault and the reason
     */
    public Faults with(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(
                    "must be NAME=VALUE, e.g. throttleShare=0.25, but was '" + assignment + "'");
        }
        String name = assignment.substring(0, eq).strip();
        String value = assignment.substring(eq + 1).strip();
        ObjectNode tree = JSON.valueToTree(this);
        if (!tree.has(name)) {
            throw new IllegalArgumentException("unknown fault '" + name + "'; known: " + tree.propertyNames());
        }
        try {
            JsonNode parsed = JSON.readTree(value);
            if (parsed == null || !(parsed.isNumber() || parsed.isBoolean())) {
                throw new IllegalArgumentException(name + " must be a number or true/false, but was '" + value + "'");
            }
            tree.set(name, parsed);
            return JSON.treeToValue(tree, Faults.class);
        } catch (JacksonException e) {
            Throwable cause = e.getCause();
            throw new IllegalArgumentException(
                    cause instanceof IllegalArgumentException
                            ? cause.getMessage()
                            : name + " must be a number or true/false, but was '" + value + "'",
                    e);
        }
    }

    private static void requireShare(String name, double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, but was " + share);
        }
    }

    /** What to do with one request. */
    public enum Outcome {
        SERVE,
        THROTTLE,
        ERROR,
        HANG,
        MALFORMED,
        TRUNCATED
    }

    /** Decides deterministically from a request counter; each fault owns its own slice of the cycle. */
    Outcome decide(AtomicLong counter) {
        long n = counter.incrementAndGet();
        if (hits(n, throttleShare, 0)) {
            return Outcome.THROTTLE;
        }
        if (hits(n, errorShare, 1)) {
            return Outcome.ERROR;
        }
        if (hits(n, hangShare, 2)) {
            return Outcome.HANG;
        }
        if (hits(n, malformedShare, 3)) {
            return Outcome.MALFORMED;
        }
        if (hits(n, truncatedShare, 4)) {
            return Outcome.TRUNCATED;
        }
        return Outcome.SERVE;
    }

    private static boolean hits(long n, double share, int salt) {
        if (share <= 0) {
            return false;
        }
        if (share >= 1) {
            return true;
        }
        // Evenly spread: request n is hit when floor(n * share) advances.
        long shifted = n + salt * 7L;
        return (long) Math.floor(shifted * share) != (long) Math.floor((shifted - 1) * share);
    }
}
