package dev.rollcall.simulator.query;

import dev.rollcall.simulator.query.QueryException.Kind;
import dev.rollcall.simulator.query.Values.Typed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Parses the OneRoster 1.2 {@code filter=} grammar (1EdTech rostering REST binding):
 *
 * <pre>
 * filter    := and-group ( OR and-group )*
 * and-group := predicate ( AND predicate )*
 * predicate := field op '\'' value '\''
 * op        := = | != | &gt; | &gt;= | &lt; | &lt;= | ~ | @
 * </pre>
 *
 * AND binds tighter than OR; AND/OR are case-insensitive; whitespace around fields, operators and
 * keywords is ignored; a quote inside a value is doubled ({@code ''}). Field names may be dotted
 * ({@code class.sourcedId}); only the first segment is checked against the collection's fields.
 * {@code ~} is a case-insensitive contains; {@code @} (TimeBack) matches any of a comma-separated
 * list. The input is the already URL-decoded parameter value.
 *
 * <p>Evaluation: the field path is resolved on the record, fanning out over arrays, and the
 * predicate matches if ANY resolved value matches; a missing or null field never matches (not even
 * {@code !=}). Values compare as instants when both sides are ISO-8601 timestamps (with or without
 * fraction, {@code Z} or an offset), as dates when both are dates, numerically when both are plain
 * numbers, else as case-sensitive strings; booleans compare as {@code "true"}/{@code "false"}.
 */
public final class FilterParser {

    private FilterParser() {}

    /**
     * Parses {@code expression}.
     *
     * @param allowedFields the top-level fields of the collection (plus virtual ones the caller
     *     adds, e.g. "role" for users)
     * @param allowInList whether TimeBack's {@code @} in-list operator is accepted
     * @param maxPredicates most predicates accepted, e.g. 2 for TimeBack-like servers, {@link
     *     Integer#MAX_VALUE} for unlimited
     * @throws QueryException {@link Kind#INVALID_FILTER_FIELD} for an unknown field, {@link
     *     Kind#INVALID_DATA} for malformed syntax, a disallowed operator or too many predicates
     */
    public static Filter parse(String expression, Set<String> allowedFields, boolean allowInList, int maxPredicates) {
        Objects.requireNonNull(allowedFields, "allowedFields");
        if (maxPredicates < 1) {
            throw new IllegalArgumentException("maxPredicates must be at least 1: " + maxPredicates);
        }
        if (expression == null || expression.isBlank()) {
            throw new QueryException(Kind.INVALID_DATA, "filter is empty");
        }
        return new Parser(expression, allowedFields, allowInList, maxPredicates).parse();
    }

    enum Op {
        EQ("="),
        NE("!="),
        GT(">"),
        GE(">="),
        LT("<"),
        LE("<="),
        CONTAINS("~"),
        IN("@");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        static @Nullable Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            return null;
        }
    }

    /** One {@code field op 'value'}. */
    record Comparison(String field, String[] path, Op op, String value, Typed typed, List<Typed> list)
            implements Filter {

        @Override
        public boolean test(JsonNode record) {
            if (record == null) {
                return false;
            }
            for (String actual : Values.resolve(record, path)) {
                if (matches(actual)) {
                    return true;
                }
            }
            return false;
        }

        private boolean matches(String actual) {
            if (op == Op.CONTAINS) {
                return actual.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
            }
            Typed a = Typed.of(actual);
            if (op == Op.IN) {
                for (Typed candidate : list) {
                    if (Values.compare(a, candidate) == 0) {
                        return true;
                    }
                }
                return false;
            }
            int c = Values.compare(a, typed);
            return switch (op) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                default -> throw new IllegalStateException(op.name());
            };
        }

        @Override
        public Optional<Bound> lowerBoundOnDateLastModified() {
            return bound();
        }

        Optional<Bound> bound() {
            if (!field.equals("dateLastModified") || (op != Op.GT && op != Op.GE)) {
                return Optional.empty();
            }
            Instant instant = typed.temporal();
            return instant == null ? Optional.empty() : Optional.of(new Bound(instant, op == Op.GE));
        }

        @Override
        public String toString() {
            return field + op.symbol + "'" + value.replace("'", "''") + "'";
        }
    }

    /** Predicates AND-ed. */
    record And(List<Comparison> predicates) implements Filter {

        @Override
        public boolean test(JsonNode record) {
            for (Comparison p : predicates) {
                if (!p.test(record)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Optional<Bound> lowerBoundOnDateLastModified() {
            Bound best = null;
            for (Comparison p : predicates) {
                Bound b = p.bound().orElse(null);
                if (b == null) {
                    continue;
                }
                int c = best == null ? 1 : b.instant().compareTo(best.instant());
                if (c > 0 || (c == 0 && !b.inclusive())) {
                    best = b;
                }
            }
            return Optional.ofNullable(best);
        }

        @Override
        public String toString() {
            return predicates.stream().map(Comparison::toString).collect(Collectors.joining(" AND "));
        }
    }

    /** AND-groups OR-ed. */
    record Or(List<Filter> groups) implements Filter {

        @Override
        public boolean test(JsonNode record) {
            for (Filter group : groups) {
                if (group.test(record)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Optional<Bound> lowerBoundOnDateLastModified() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return groups.stream().map(Filter::toString).collect(Collectors.joining(" OR "));
        }
    }

    private static final class Parser {
        private final String in;
        private final Set<String> allowedFields;
        private final boolean allowInList;
        private final int maxPredicates;
        private int pos;

        Parser(String in, Set<String> allowedFields, boolean allowInList, int maxPredicates) {
            this.in = in;
            this.allowedFields = allowedFields;
            this.allowInList = allowInList;
            this.maxPredicates = maxPredicates;
        }

        Filter parse() {
            List<Filter> groups = new ArrayList<>();
            List<Comparison> group = new ArrayList<>();
            int count = 0;
            while (true) {
                skipWhitespace();
                group.add(predicate());
                count++;
                if (count > maxPredicates) {
                    throw syntax("filter has more than " + maxPredicates + " predicate"
                            + (maxPredicates == 1 ? "" : "s") + "; this server allows at most "
                            + maxPredicates);
                }
                skipWhitespace();
                if (pos >= in.length()) {
                    break;
                }
                int keywordAt = pos;
                String keyword = word();
                if (keyword.equalsIgnoreCase("AND")) {
                    // same group
                } else if (keyword.equalsIgnoreCase("OR")) {
                    groups.add(group.size() == 1 ? group.get(0) : new And(List.copyOf(group)));
                    group = new ArrayList<>();
                } else {
                    String found = keyword.isEmpty() ? rest(keywordAt) : keyword;
                    throw syntax("expected AND or OR after " + group.getLast() + " at position " + keywordAt
                            + ", found '" + found + "'");
                }
                skipWhitespace();
                if (pos >= in.length()) {
                    throw syntax(
                            "filter ends after " + keyword.toUpperCase(Locale.ROOT) + "; expected another predicate");
                }
            }
            groups.add(group.size() == 1 ? group.get(0) : new And(List.copyOf(group)));
            return groups.size() == 1 ? groups.get(0) : new Or(List.copyOf(groups));
        }

        private Comparison predicate() {
            int fieldAt = pos;
            while (pos < in.length() && isFieldChar(in.charAt(pos))) {
                pos++;
            }
            String field = in.substring(fieldAt, pos);
            if (field.isEmpty()) {
                throw syntax("expected a field name at position " + fieldAt + ", found '" + rest(fieldAt) + "'");
            }
            String[] path = Values.path(field);
            if (path == null) {
                throw syntax("malformed field name '" + field + "'");
            }
            skipWhitespace();
            int opAt = pos;
            while (pos < in.length() && isOperatorChar(in.charAt(pos))) {
                pos++;
            }
            String symbol = in.substring(opAt, pos);
            if (symbol.isEmpty()) {
                throw syntax(
                        pos >= in.length()
                                ? "missing operator and value after field '" + field + "'"
                                : "missing operator after field '" + field + "' at position " + opAt + ", found '"
                                        + rest(opAt) + "'");
            }
            Op op = Op.of(symbol);
            if (op == null) {
                throw syntax("unknown operator '" + symbol + "' after field '" + field
                        + "'; expected one of = != > >= < <= ~" + (allowInList ? " @" : ""));
            }
            if (op == Op.IN && !allowInList) {
                throw syntax("operator '@' (in-list) is not supported by this server; in '" + field + "@'");
            }
            skipWhitespace();
            if (pos >= in.length() || in.charAt(pos) != '\'') {
                throw syntax("the value for '" + field + symbol + "' must be in single quotes"
                        + (pos >= in.length() ? " (no value given)" : ", found '" + rest(pos) + "'"));
            }
            int valueAt = pos;
            pos++;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (pos >= in.length()) {
                    throw syntax("unbalanced quote: the value for '" + field + symbol + "' opened at position "
                            + valueAt + " is not closed");
                }
                char c = in.charAt(pos++);
                if (c == '\'') {
                    if (pos < in.length() && in.charAt(pos) == '\'') {
                        value.append('\'');
                        pos++;
                    } else {
                        break;
                    }
                } else {
                    value.append(c);
                }
            }
            if (!allowedFields.contains(path[0])) {
                throw new QueryException(
                        Kind.INVALID_FILTER_FIELD,
                        "unknown filter field '" + path[0] + "'"
                                + (path.length > 1 ? " (in '" + field + "')" : "")
                                + "; this collection's fields are " + new TreeSet<>(allowedFields));
            }
            String raw = value.toString();
            List<Typed> list = List.of();
            if (op == Op.IN) {
                List<Typed> items = new ArrayList<>();
                for (String item : raw.split(",", -1)) {
                    items.add(Typed.of(item.strip()));
                }
                list = List.copyOf(items);
            }
            return new Comparison(field, path, op, raw, Typed.of(raw), list);
        }

        private static boolean isFieldChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
        }

        private static boolean isOperatorChar(char c) {
            return "=!<>~@:^*$%&|#?".indexOf(c) >= 0;
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
            String r = in.substring(from);
            return r.length() > 20 ? r.substring(0, 20) + "…" : r;
        }

        private QueryException syntax(String message) {
            return new QueryException(Kind.INVALID_DATA, "malformed filter '" + in + "': " + message);
        }
    }
}
