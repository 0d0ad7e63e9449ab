package dev.rollcall.simulator.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Field-path resolution and typed comparison shared by filters and sorting. */
final class Values {

    private Values() {}

    /** Splits a dotted field name; null when a segment is empty ({@code a..b}, {@code .a}, {@code a.}). */
    static String @Nullable [] path(String field) {
        String[] path = field.split("\\.", -1);
        for (String segment : path) {
            if (segment.isEmpty()) {
                return null;
            }
        }
        return path;
    }

    /**
     * The scalar values at {@code path} in {@code record}: arrays met on the way (or at the end)
     * fan out over their elements; missing and null values are left out. The virtual field {@code
     * role} reads {@code roles[].role} when the record has {@code roles} but no {@code role}.
     */
    static List<String> resolve(JsonNode record, String[] path) {
        String[] effective = path;
        if (path[0].equals("role") && record.get("role") == null && record.get("roles") != null) {
            effective = new String[path.length + 1];
            effective[0] = "roles";
            System.arraycopy(path, 0, effective, 1, path.length);
        }
        List<JsonNode> current = List.of(record);
        for (String segment : effective) {
            List<JsonNode> next = new ArrayList<>(2);
            for (JsonNode node : current) {
                step(node, segment, next);
            }
            if (next.isEmpty()) {
                return List.of();
            }
            current = next;
        }
        List<String> out = new ArrayList<>(current.size());
        for (JsonNode node : current) {
            leaves(node, out);
        }
        return out;
    }

    private static void step(JsonNode node, String segment, List<JsonNode> out) {
        if (node.isArray()) {
            for (JsonNode element : node.values()) {
                step(element, segment, out);
            }
        } else if (node.isObject()) {
            JsonNode child = node.get(segment);
            if (child != null && !child.isNull() && !child.isMissingNode()) {
                out.add(child);
            }
        }
    }

    private static void leaves(JsonNode node, List<String> out) {
        if (node.isArray()) {
            for (JsonNode element : node.values()) {
                leaves(element, out);
            }
            return;
        }
        String scalar = scalar(node);
        if (scalar != null) {
            out.add(scalar);
        }
    }

    /**
     * The comparable text of a value: strings as-is, numbers and booleans as their JSON text, and a
     * reference object ({@code {"sourcedId": ...}}) as its sourcedId, so {@code school='org-1'}
     * works like {@code school.sourcedId='org-1'}. Null for anything else.
     */
    static @Nullable String scalar(JsonNode node) {
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asString();
        }
        if (node.isObject()) {
            JsonNode id = node.get("sourcedId");
            return id != null && id.isString() ? id.stringValue() : null;
        }
        return null;
    }

    /** A value with the typed readings the OneRoster comparison rules try, parsed once. */
    record Typed(
            String raw,
            @Nullable Instant instant,
            @Nullable LocalDate date,
            @Nullable BigDecimal number) {

        static Typed of(String raw) {
            return new Typed(raw, parseInstant(raw), parseDate(raw), parseNumber(raw));
        }

        /** The instant, or the start (UTC) of the date; null if neither. */
        @Nullable
        Instant temporal() {
            if (instant != null) {
                return instant;
            }
            return date != null ? date.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
        }
    }

    /**
     * Compares as instants when both sides are timestamps (a date-only side counts as its start of
     * day, UTC), as dates when both are dates, numerically when both are numbers, else as
     * case-sensitive strings.
     */
    static int compare(Typed a, Typed b) {
        if (a.instant() != null || b.instant() != null) {
            Instant x = a.temporal();
            Instant y = b.temporal();
            if (x != null && y != null) {
                return x.compareTo(y);
            }
        }
        if (a.date() != null && b.date() != null) {
            return a.date().compareTo(b.date());
        }
        if (a.number() != null && b.number() != null) {
            return a.number().compareTo(b.number());
        }
        return a.raw().compareTo(b.raw());
    }

    /**
     * A total order for sorting: timestamps and dates first (by instant), then numbers, then
     * strings, each in natural order.
     */
    static int sortCompare(Typed a, Typed b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (ra) {
            case 0 -> a.temporal().compareTo(b.temporal());
            case 1 -> a.number().compareTo(b.number());
            default -> a.raw().compareTo(b.raw());
        };
    }

    private static int rank(Typed t) {
        if (t.temporal() != null) {
            return 0;
        }
        return t.number() != null ? 1 : 2;
    }

    static @Nullable Instant parseInstant(String s) {
        // Cheap shape check first: yyyy-mm-ddThh:mm...
        if (s.length() < 16 || !looksLikeDate(s) || (s.charAt(10) != 'T' && s.charAt(10) != 't')) {
            return null;
        }
        Instant utc = parseUtcInstant(s);
        return utc != null ? utc : parseInstantByFormatter(s);
    }

    /** Any ISO date-time, with an offset or zone or without (then UTC); null if none. */
    static @Nullable Instant parseInstantByFormatter(String s) {
        try {
            TemporalAccessor parsed =
                    DateTimeFormatter.ISO_DATE_TIME.parseBest(s, ZonedDateTime::from, LocalDateTime::from);
            if (parsed instanceof ZonedDateTime zoned) {
                return zoned.toInstant();
            }
            return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The common shape {@code yyyy-mm-ddThh:mm:ss[.f…]Z} (every record's {@code dateLastModified}),
     * read without a formatter: a delta's filter reads it from each changed record on every page.
     * Null when the text has another shape (the formatter then decides) or is no valid time.
     */
    private static @Nullable Instant parseUtcInstant(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(13) != ':'
                || s.charAt(16) != ':'
                || !isDigits(s, 11, 13)
                || !isDigits(s, 14, 16)
                || !isDigits(s, 17, 19)
                || (s.charAt(n - 1) != 'Z' && s.charAt(n - 1) != 'z')) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int digits = n - 21;
            if (s.charAt(19) != '.' || digits < 1 || digits > 9 || !isDigits(s, 20, n - 1)) {
                return null;
            }
            for (int i = 20; i < n - 1; i++) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
            }
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        try {
            return LocalDateTime.of(
                            Integer.parseInt(s, 0, 4, 10),
                            Integer.parseInt(s, 5, 7, 10),
                            Integer.parseInt(s, 8, 10, 10),
                            Integer.parseInt(s, 11, 13, 10),
                            Integer.parseInt(s, 14, 16, 10),
                            Integer.parseInt(s, 17, 19, 10),
                            nanos)
                    .toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    static @Nullable LocalDate parseDate(String s) {
        if (s.length() != 10 || !looksLikeDate(s)) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean looksLikeDate(String s) {
        return s.length() >= 10
                && isDigits(s, 0, 4)
                && s.charAt(4) == '-'
                && isDigits(s, 5, 7)
                && s.charAt(7) == '-'
                && isDigits(s, 8, 10);
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Plain decimal numbers only ({@code -12}, {@code 3.5}); no exponents, no leading plus. */
    static @Nullable BigDecimal parseNumber(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (digits == 0) {
            return null;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            int fraction = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                fraction++;
            }
            if (fraction == 0) {
                return null;
            }
        }
        return i == n ? new BigDecimal(s) : null;
    }
}
