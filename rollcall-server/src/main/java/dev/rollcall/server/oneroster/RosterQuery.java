package dev.rollcall.server.oneroster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of a collection read, validated and turned into SQL pieces: {@code
 * limit}/{@code offset}, {@code sort}/{@code orderBy}, {@code fields} and {@code filter}.
 *
 * @param fields the selected top-level fields in order, or null for all
 */
record RosterQuery(
        int limit, int offset, String orderBy, @Nullable List<String> fields, RosterFilter.@Nullable Sql filter) {

    static final int DEFAULT_LIMIT = 100;

    /**
     * Validates and translates the parameters. A {@code limit} above {@code maxLimit} is lowered to it
     * (the Link header shows the limit used).
     *
     * @throws OneRosterException {@code invaliddata} for a bad number or {@code orderBy}, {@code
     *     invalid_selection_field} for an unknown sort or selected field, {@code
     *     invalid_filter_field} for an unknown filter field
     */
    static RosterQuery parse(
            RosterCollection collection,
            @Nullable String limit,
            @Nullable String offset,
            @Nullable String sort,
            @Nullable String orderBy,
            @Nullable String fields,
            @Nullable String filter,
            int maxLimit) {
        int parsedLimit = number("limit", limit, DEFAULT_LIMIT);
        if (parsedLimit < 1) {
            throw OneRosterException.invalidData("limit must be 1 or more, but was " + parsedLimit);
        }
        int parsedOffset = number("offset", offset, 0);
        if (parsedOffset < 0) {
            throw OneRosterException.invalidData("offset must be 0 or more, but was " + parsedOffset);
        }
        return new RosterQuery(
                Math.min(parsedLimit, maxLimit),
                parsedOffset,
                order(collection, sort, orderBy),
                fields(collection, fields),
                filter == null ? null : RosterFilter.translate(filter, collection));
    }

    /** {@code fields=a,b}: the named fields, in order, without duplicates; null for all. */
    static @Nullable List<String> fields(RosterCollection collection, @Nullable String fields) {
        if (fields == null || fields.isBlank()) {
            return null;
        }
        Set<String> selected = new LinkedHashSet<>();
        for (String item : fields.split(",")) {
            String name = item.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!collection.fields.contains(name) || name.equals("role")) {
                throw OneRosterException.invalidSelectionField("unknown field '" + name + "' in fields; "
                        + collection.wrapper + " have " + new TreeSet<>(collection.fields));
            }
            selected.add(name);
        }
        return selected.isEmpty() ? null : List.copyOf(selected);
    }

    /**
     * The ORDER BY list: the sort field (nulls last either way), then sourcedId ascending as the
     * tie-breaker; by sourcedId (the primary key order) when there is no sort field.
     */
    static String order(RosterCollection collection, @Nullable String sort, @Nullable String orderBy) {
        boolean descending = false;
        if (orderBy != null && !orderBy.isBlank()) {
            descending = switch (orderBy.strip().toLowerCase(Locale.ROOT)) {
                case "asc" -> false;
                case "desc" -> true;
                default ->
                    throw OneRosterException.invalidData("orderBy must be 'asc' or 'desc', not '" + orderBy + "'");
            };
        }
        String direction = descending ? " desc" : " asc";
        if (sort == null || sort.isBlank()) {
            return "r.id" + direction;
        }
        String name = sort.strip();
        String[] path = name.split("\\.", -1);
        if (!collection.fields.contains(path[0]) || List.of(path).contains("")) {
            throw OneRosterException.invalidSelectionField("unknown sort field '" + name + "'; " + collection.wrapper
                    + " have " + new TreeSet<>(collection.fields));
        }
        String expression =
                switch (name) {
                    case "sourcedId" -> "r.id";
                    case "status" -> "r.status";
                    case "dateLastModified" -> "r.date_last_modified";
                    default -> jsonExpression(collection, path);
                };
        return expression.equals("r.id") ? "r.id" + direction : expression + direction + " nulls last, r.id asc";
    }

    /** The value a JSON field sorts by: a reference by its sourcedId, an array by its first element. */
    private static String jsonExpression(RosterCollection collection, String[] path) {
        List<String> segments = new ArrayList<>(List.of(path));
        if (collection == RosterCollection.USERS && segments.getFirst().equals("role")) {
            segments.set(0, "roles");
            segments.add(1, "0");
            segments.add("role");
        }
        StringBuilder array = new StringBuilder("'{");
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (!segment.matches("[A-Za-z0-9_:]+")) {
                throw OneRosterException.invalidSelectionField("sort field '" + String.join(".", path)
                        + "' has a segment that is not a plain name: '" + segment + "'");
            }
            array.append(i == 0 ? "" : ",").append(segment);
        }
        String at = array.append("}'").toString();
        String value = "coalesce(r.record #> " + at.replace("}'", ",0}'") + ", r.record #> " + at + ")";
        return "coalesce(" + value + " -> 'sourcedId', " + value + ")";
    }

    private static int number(String name, @Nullable String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw OneRosterException.invalidData(name + " must be a whole number, but was '" + value + "'");
        }
    }
}
