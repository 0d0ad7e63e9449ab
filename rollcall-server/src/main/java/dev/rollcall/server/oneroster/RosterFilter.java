package dev.rollcall.server.oneroster;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The OneRoster 1.2 {@code filter=} grammar, translated to a SQL condition over a roster table
 * aliased {@code r}:
 *
 * <pre>
 * filter    := and-group ( OR and-group )*
 * and-group := predicate ( AND predicate )*
 * predicate := field op '\'' value '\''        op := = | != | &gt; | &gt;= | &lt; | &lt;= | ~
 * </pre>
 *
 * AND binds tighter than OR; AND/OR are case-insensitive; a quote inside a value is doubled. At most
 * {@link #MAX_PREDICATES} predicates. A field may be dotted ({@code roles.role}); its first segment
 * must be a field of the collection ({@code invalid_filter_field} otherwise).
 *
 * <p>Semantics (as the simulator's): {@code sourcedId}, {@code status} and {@code dateLastModified}
 * compare on their columns ({@code dateLastModified} as an instant, the value an ISO 8601 timestamp
 * or date). Any other field is looked up in the record with a SQL/JSON path that fans out over
 * arrays; the predicate holds when any value matches; a missing or null value never matches; a
 * reference ({@code {"sourcedId": …}}) compares by its sourcedId; strings compare by code point, and
 * a numeric value also matches JSON numbers; {@code ~} is a case-insensitive contains. Values are
 * always bound parameters, never SQL text.
 */
final class RosterFilter {

    static final int MAX_PREDICATES = 10;

    /** A SQL condition and its parameters, in order. */
    record Sql(String condition, List<Object> parameters) {}

    private enum Op {
        EQ("=", "=="),
        NE("!=", "!="),
        GT(">", ">"),
        GE(">=", ">="),
        LT("<", "<"),
        LE("<=", "<="),
        CONTAINS("~", null);

        final String symbol;
        final String jsonPath;

        Op(String symbol, String jsonPath) {
            this.symbol = symbol;
            this.jsonPath = jsonPath;
        }
    }

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?");

    private RosterFilter() {}

    /**
     * Parses {@code expression} (already URL-decoded) against {@code collection} and translates it.
     *
     * @throws OneRosterException {@code invalid_filter_field} for an unknown field, {@code
     *     invaliddata} for malformed syntax or a value its field cannot take
     */
    static Sql translate(String expression, RosterCollection collection) {
        if (expression.isBlank()) {
            throw OneRosterException.invalidData("filter is empty");
        }
        return new Parser(expression, collection).parse();
    }

    private static final class Parser {
        private final String in;
        private final RosterCollection collection;
        private final List<Object> parameters = new ArrayList<>();
        private int pos;
        private int predicates;

        Parser(String in, RosterCollection collection) {
            this.in = in;
            this.collection = collection;
        }

        Sql parse() {
            List<String> groups = new ArrayList<>();
            List<String> group = new ArrayList<>();
            while (true) {
                skipWhitespace();
                group.add(predicate());
                skipWhitespace();
                if (pos >= in.length()) {
                    break;
                }
                int at = pos;
                String keyword = word();
                if (keyword.equalsIgnoreCase("OR")) {
                    groups.add(and(group));
                    group = new ArrayList<>();
                } else if (!keyword.equalsIgnoreCase("AND")) {
                    throw syntax("expected AND or OR at position " + at + ", found '" + rest(at) + "'");
                }
                skipWhitespace();
                if (pos >= in.length()) {
                    throw syntax("the filter ends after " + keyword.toUpperCase(Locale.ROOT)
                            + "; another predicate was expected");
                }
            }
            groups.add(and(group));
            String condition = groups.size() == 1 ? groups.getFirst() : "(" + String.join(" or ", groups) + ")";
            return new Sql(condition, List.copyOf(parameters));
        }

        private static String and(List<String> group) {
            return group.size() == 1 ? group.getFirst() : "(" + String.join(" and ", group) + ")";
        }

        private String predicate() {
            if (++predicates > MAX_PREDICATES) {
                throw syntax("more than " + MAX_PREDICATES + " predicates");
            }
            int fieldAt = pos;
            while (pos < in.length() && isFieldChar(in.charAt(pos))) {
                pos++;
            }
            String field = in.substring(fieldAt, pos);
            if (field.isEmpty()) {
                throw syntax("expected a field name at position " + fieldAt + ", found '" + rest(fieldAt) + "'");
            }
            String[] path = field.split("\\.", -1);
            for (String segment : path) {
                if (segment.isEmpty()) {
                    throw syntax("malformed field name '" + field + "'");
                }
            }
            if (!collection.fields.contains(path[0])) {
                throw OneRosterException.invalidFilterField("unknown filter field '" + field + "'; "
                        + collection.wrapper + " have " + new TreeSet<>(collection.fields));
            }
            skipWhitespace();
            Op op = operator();
            skipWhitespace();
            String value = quoted(field);
            return condition(field, path, op, value);
        }

        private Op operator() {
            int at = pos;
            String two = pos + 2 <= in.length() ? in.substring(pos, pos + 2) : "";
            for (Op op : new Op[] {Op.NE, Op.GE, Op.LE}) {
                if (two.equals(op.symbol)) {
                    pos += 2;
                    return op;
                }
            }
            if (pos < in.length()) {
                char c = in.charAt(pos);
                for (Op op : new Op[] {Op.EQ, Op.GT, Op.LT, Op.CONTAINS}) {
                    if (op.symbol.charAt(0) == c) {
                        pos++;
                        return op;
                    }
                }
            }
            throw syntax("expected one of = != > >= < <= ~ at position " + at + ", found '" + rest(at) + "'");
        }

        private String quoted(String field) {
            if (pos >= in.length() || in.charAt(pos) != '\'') {
                throw syntax("the value of '" + field + "' must be in single quotes, at position " + pos);
            }
            StringBuilder value = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= in.length()) {
                    throw syntax("the value of '" + field + "' has no closing quote");
                }
                char c = in.charAt(pos++);
                if (c == '\'') {
                    if (pos < in.length() && in.charAt(pos) == '\'') {
                        value.append('\'');
                        pos++;
                    } else {
                        return value.toString();
                    }
                } else {
                    value.append(c);
                }
            }
        }

        private String condition(String field, String[] path, Op op, String value) {
            if (path.length == 1) {
                switch (field) {
                    case "sourcedId" -> {
                        return sourcedId(op, value);
                    }
                    case "status" -> {
                        return column("r.status", op, value);
                    }
                    case "dateLastModified" -> {
                        return dateLastModified(op, value);
                    }
                    default -> {}
                }
            }
            String[] effective = path;
            if (collection == RosterCollection.USERS && path[0].equals("role")) {
                effective = new String[path.length + 1];
                effective[0] = "roles";
                System.arraycopy(path, 0, effective, 1, path.length);
            }
            return jsonPath(effective, op, value);
        }

        private String sourcedId(Op op, String value) {
            if (op == Op.EQ || op == Op.NE) {
                UUID id = uuid(value);
                if (id == null) {
                    return op == Op.EQ ? "false" : "true";
                }
                parameters.add(id);
                return op == Op.EQ ? "r.id = ?" : "r.id <> ?";
            }
            return column("r.id::text", op, value);
        }

        private String column(String expression, Op op, String value) {
            parameters.add(op == Op.CONTAINS ? value.toLowerCase(Locale.ROOT) : value);
            if (op == Op.CONTAINS) {
                return "strpos(lower(" + expression + "), ?) > 0";
            }
            return expression + " " + (op == Op.NE ? "<>" : op.symbol) + " ? collate \"C\"";
        }

        private String dateLastModified(Op op, String value) {
            if (op == Op.CONTAINS) {
                throw OneRosterException.invalidData(
                        "dateLastModified cannot be filtered with '~'; use = != > >= < <=");
            }
            parameters.add(java.sql.Timestamp.from(instant(value)));
            return "r.date_last_modified " + (op == Op.NE ? "<>" : op.symbol) + " ?";
        }

        private String jsonPath(String[] path, Op op, String value) {
            StringBuilder jsonPath = new StringBuilder("$");
            for (String segment : path) {
                jsonPath.append('.').append(jsonString(segment));
            }
            jsonPath.append(" ? (@ != null && (");
            if (op == Op.CONTAINS) {
                String literal = jsonString(value);
                jsonPath.append("@ like_regex ")
                        .append(literal)
                        .append(" flag \"iq\"")
                        .append(" || @.sourcedId like_regex ")
                        .append(literal)
                        .append(" flag \"iq\"");
            } else {
                jsonPath.append("@ ")
                        .append(op.jsonPath)
                        .append(" $s || @.sourcedId ")
                        .append(op.jsonPath)
                        .append(" $s");
                if (NUMBER.matcher(value).matches()) {
                    jsonPath.append(" || @ ").append(op.jsonPath).append(" $n");
                }
            }
            jsonPath.append("))");
            parameters.add(jsonPath.toString());
            String vars = NUMBER.matcher(value).matches()
                    ? "{\"s\":" + jsonString(value) + ",\"n\":" + value + "}"
                    : "{\"s\":" + jsonString(value) + "}";
            parameters.add(vars);
            return "jsonb_path_exists(r.record, cast(? as jsonpath), cast(? as jsonb))";
        }

        private String word() {
            int start = pos;
            while (pos < in.length() && Character.isLetter(in.charAt(pos))) {
                pos++;
            }
            return in.substring(start, pos);
        }

        private void skipWhitespace() {
            while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
                pos++;
            }
        }

        private String rest(int from) {
            String rest = in.substring(Math.min(from, in.length()));
            return rest.length() > 20 ? rest.substring(0, 20) + "…" : rest;
        }

        private OneRosterException syntax(String message) {
            return OneRosterException.invalidData("malformed filter '" + in + "': " + message);
        }

        private static boolean isFieldChar(char c) {
            return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == ':';
        }
    }

    /** A JSON (and SQL/JSON path) string literal: quoted, with quotes, backslashes and controls escaped. */
    static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** An ISO 8601 timestamp (with offset or Z) or a date (its start, UTC). */
    static Instant instant(String value) {
        String text = value.strip();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw OneRosterException.invalidData("dateLastModified must be compared with an ISO 8601 timestamp"
                        + " (e.g. 2024-01-01T00:00:00Z) or date, not '" + value + "'");
            }
        }
    }

    static @Nullable UUID uuid(String value) {
        try {
            return value.length() == 36 ? UUID.fromString(value) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
