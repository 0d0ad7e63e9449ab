package dev.rollcall.simulator.query;

import dev.rollcall.simulator.query.QueryException.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code fields=a,b,c}: which top-level fields of each record the response carries. */
public final class FieldSelection {

    private FieldSelection() {}

    /**
     * {@code fields=a,b,c} → the list, in the order given, duplicates and empty items dropped,
     * whitespace around names ignored; blank or null (or nothing but commas) → null meaning all
     * fields.
     *
     * @throws QueryException {@link Kind#INVALID_SELECTION_FIELD} naming the first unknown field
     */
    public static @Nullable List<String> parse(@Nullable String fields, Set<String> allowedFields) {
        Objects.requireNonNull(allowedFields, "allowedFields");
        if (fields == null || fields.isBlank()) {
            return null;
        }
        Set<String> selected = new LinkedHashSet<>();
        for (String item : fields.split(",")) {
            String name = item.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!allowedFields.contains(name)) {
                throw new QueryException(
                        Kind.INVALID_SELECTION_FIELD,
                        "unknown field '" + name + "' in fields; this collection's fields are "
                                + new TreeSet<>(allowedFields));
            }
            selected.add(name);
        }
        return selected.isEmpty() ? null : List.copyOf(new ArrayList<>(selected));
    }

    /**
     * A new ObjectNode with only the selected top-level fields, in the order the record has them
     * (values are deep copies). Selected fields the record lacks are simply absent. A null {@code
     * fields} (all fields) returns {@code record} itself, uncopied.
     */
    public static ObjectNode project(ObjectNode record, @Nullable List<String> fields) {
        Objects.requireNonNull(record, "record");
        if (fields == null) {
            return record;
        }
        Set<String> wanted = new HashSet<>(fields);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> property : record.properties()) {
            if (wanted.contains(property.getKey())) {
                out.set(property.getKey(), property.getValue().deepCopy());
            }
        }
        return out;
    }
}
