package dev.rollcall.simulator.query;

import dev.rollcall.simulator.query.QueryException.Kind;
import dev.rollcall.simulator.query.Values.Typed;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@code sort=<field>&orderBy=asc|desc}. */
public final class Sorting {

    private Sorting() {}

    private static final String[] SOURCED_ID = {"sourcedId"};

    /**
     * Comparator for {@code sort=<field>&orderBy=asc|desc} ({@code orderBy} null or blank → asc,
     * case-insensitive). Values order as the filter compares them (timestamps and dates by instant,
     * then numbers numerically, then strings); an array field sorts by its first value; records
     * without the field come last in either direction; ties are broken by sourcedId ascending. A
     * dotted field ({@code course.sourcedId}) is checked by its first segment. A null or blank
     * {@code field} orders by sourcedId alone.
     *
     * @throws QueryException {@link Kind#INVALID_SELECTION_FIELD} for an unknown sort field, {@link
     *     Kind#INVALID_DATA} for an {@code orderBy} other than asc/desc
     */
    public static Comparator<JsonNode> comparator(
            @Nullable String field, @Nullable String orderBy, Set<String> allowedFields) {
        Objects.requireNonNull(allowedFields, "allowedFields");
        boolean descending = descending(orderBy);
        Comparator<JsonNode> bySourcedId = Comparator.comparing(Sorting::sourcedId);
        if (field == null || field.isBlank()) {
            return descending ? bySourcedId.reversed() : bySourcedId;
        }
        String name = field.strip();
        String[] path = Values.path(name);
        if (path == null || !allowedFields.contains(path[0])) {
            throw new QueryException(
                    Kind.INVALID_SELECTION_FIELD,
                    "unknown sort field '" + name + "'; this collection's fields are " + new TreeSet<>(allowedFields));
        }
        Comparator<Typed> natural = Values::sortCompare;
        Comparator<Typed> order = descending ? natural.reversed() : natural;
        Comparator<JsonNode> byField =
                Comparator.comparing((JsonNode record) -> key(record, path), Comparator.nullsLast(order));
        return byField.thenComparing(bySourcedId);
    }

    /**
     * Whether {@code sort}/{@code orderBy} ask for ascending sourcedId order, the order records are
     * stored in ({@code sort=sourcedId} or a blank field, with {@code orderBy} absent or asc). False
     * for anything else, an invalid {@code orderBy} included ({@link #comparator} reports that).
     */
    public static boolean isSourcedIdAscending(@Nullable String field, @Nullable String orderBy) {
        boolean bySourcedId = field == null || field.isBlank() || field.strip().equals("sourcedId");
        boolean ascending = orderBy == null
                || orderBy.isBlank()
                || orderBy.strip().toLowerCase(Locale.ROOT).equals("asc");
        return bySourcedId && ascending;
    }

    private static boolean descending(@Nullable String orderBy) {
        if (orderBy == null || orderBy.isBlank()) {
            return false;
        }
        return switch (orderBy.strip().toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default ->
                throw new QueryException(Kind.INVALID_DATA, "orderBy must be 'asc' or 'desc', not '" + orderBy + "'");
        };
    }

    private static @Nullable Typed key(JsonNode record, String[] path) {
        if (record == null) {
            return null;
        }
        List<String> values = Values.resolve(record, path);
        return values.isEmpty() ? null : Typed.of(values.get(0));
    }

    private static String sourcedId(JsonNode record) {
        if (record == null) {
            return "";
        }
        List<String> values = Values.resolve(record, SOURCED_ID);
        return values.isEmpty() ? "" : values.get(0);
    }
}
