package dev.rollcall.connector.oneroster.internal;

import dev.rollcall.connector.api.Checkpoint;
import dev.rollcall.connector.api.ReadMode;
import dev.rollcall.connector.api.error.ConfigurationException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a read of one stream stands, as its checkpoint says: the mode, the delta watermark, the
 * next offset, the total the server last reported, the page size the server was found to allow,
 * the last few sourcedIds read (the anchors the next page's overlap must show) and how often the
 * read started over. Written as {@code
 * v=1&m=full&o=300&t=1234&l=100[&s=2025-08-01T00:00:00Z][&a=u-298,u-299][&r=1]} (anchors URL-encoded)
 * so that a read resumes in a new process exactly where it stopped.
 *
 * @param total the upstream's total when it said, else -1
 * @param serverMax the largest page the server handed out when it gave fewer than asked while more
 *     remained, else 0 (unknown)
 * @param anchors up to {@value #ANCHORS} sourcedIds read last, oldest first
 * @param restarts how often this read went back to offset 0 because records moved too far
 */
record ReadPosition(
        ReadMode mode,
        @Nullable Instant since,
        long offset,
        long total,
        int serverMax,
        List<String> anchors,
        int restarts) {

    static final int ANCHORS = 3;

    ReadPosition {
        anchors = List.copyOf(anchors);
    }

    static ReadPosition start(ReadMode mode, @Nullable Instant since) {
        return new ReadPosition(mode, since, 0, -1, 0, List.of(), 0);
    }

    ReadPosition advance(long newOffset, long newTotal, int newServerMax, List<String> newAnchors) {
        return new ReadPosition(mode, since, newOffset, newTotal, newServerMax, newAnchors, restarts);
    }

    /** Back to the start of the collection, counting the restart. */
    ReadPosition restart() {
        return new ReadPosition(mode, since, 0, -1, serverMax, List.of(), restarts + 1);
    }

    boolean totalKnown() {
        return total >= 0;
    }

    Checkpoint checkpoint() {
        StringBuilder text = new StringBuilder("v=1&m=")
                .append(mode == ReadMode.FULL ? "full" : "delta")
                .append("&o=")
                .append(offset)
                .append("&t=")
                .append(total)
                .append("&l=")
                .append(serverMax);
        if (since != null) {
            text.append("&s=").append(since);
        }
        if (!anchors.isEmpty()) {
            text.append("&a=")
                    .append(String.join(
                            ",",
                            anchors.stream()
                                    .map(id -> URLEncoder.encode(id, StandardCharsets.UTF_8))
                                    .toList()));
        }
        if (restarts > 0) {
            text.append("&r=").append(restarts);
        }
        return new Checkpoint(text.toString());
    }

    /**
     * Reads a checkpoint this connector wrote.
     *
     * @throws ConfigurationException when it is not one, naming what is wrong
     */
    static ReadPosition parse(Checkpoint checkpoint) throws ConfigurationException {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String pair : checkpoint.value().split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw bad(checkpoint, "'" + pair + "' is not key=value");
            }
            parts.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        if (!"1".equals(parts.get("v"))) {
            throw bad(checkpoint, "version must be 1, but was " + parts.get("v"));
        }
        ReadMode mode =
                switch (String.valueOf(parts.get("m"))) {
                    case "full" -> ReadMode.FULL;
                    case "delta" -> ReadMode.DELTA;
                    default -> throw bad(checkpoint, "mode must be full or delta, but was " + parts.get("m"));
                };
        long offset = number(checkpoint, parts, "o");
        long total = number(checkpoint, parts, "t");
        long serverMax = number(checkpoint, parts, "l");
        if (offset < 0 || total < -1 || serverMax < 0 || serverMax > Integer.MAX_VALUE) {
            throw bad(checkpoint, "offset, total and page size must not be negative");
        }
        Instant since = null;
        if (parts.containsKey("s")) {
            try {
                since = Instant.parse(parts.get("s"));
            } catch (DateTimeParseException e) {
                throw bad(checkpoint, "s must be an ISO-8601 instant, but was " + parts.get("s"));
            }
        }
        if (mode == ReadMode.DELTA && since == null) {
            throw bad(checkpoint, "a delta checkpoint needs its watermark s");
        }
        List<String> anchors = new ArrayList<>();
        if (parts.containsKey("a")) {
            for (String anchor : parts.get("a").split(",")) {
                try {
                    anchors.add(URLDecoder.decode(anchor, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw bad(checkpoint, "a must hold URL-encoded sourcedIds, but was " + parts.get("a"));
                }
            }
        }
        long restarts = parts.containsKey("r") ? number(checkpoint, parts, "r") : 0;
        if (anchors.size() > ANCHORS || restarts < 0 || restarts > Integer.MAX_VALUE) {
            throw bad(checkpoint, "at most " + ANCHORS + " anchors and a restart count that is not negative");
        }
        return new ReadPosition(mode, since, offset, total, (int) serverMax, anchors, (int) restarts);
    }

    private static long number(Checkpoint checkpoint, Map<String, String> parts, String key)
            throws ConfigurationException {
        String value = parts.get(key);
        try {
            return Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw bad(checkpoint, key + " must be a whole number, but was " + value);
        }
    }

    private static ConfigurationException bad(Checkpoint checkpoint, String reason) {
        return new ConfigurationException(
                "checkpoint '" + checkpoint.value() + "' was not written by the oneroster connector: " + reason);
    }
}
