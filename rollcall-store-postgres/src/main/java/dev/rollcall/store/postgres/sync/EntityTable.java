package dev.rollcall.store.postgres.sync;

import dev.rollcall.connector.api.model.EntityType;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Where each canonical entity lives: its roster table, the name stored in {@code entity_type}
 * columns, and the typed columns derived from the canonical JSON (for lookups and the OneRoster
 * API's sub-collections), as SQL expressions over {@code rec} (the record) and {@code lid} (its id).
 */
public enum EntityTable {
    ORG(
            EntityType.ORG,
            "roster_org",
            "org",
            Column.text("org_type", "type"),
            Column.text("identifier", "identifier"),
            Column.reference("parent_id", "parent")),
    ACADEMIC_SESSION(
            EntityType.ACADEMIC_SESSION,
            "roster_academic_session",
            "academicSession",
            Column.text("session_type", "type"),
            Column.reference("parent_id", "parent"),
            Column.text("school_year", "schoolYear")),
    COURSE(
            EntityType.COURSE,
            "roster_course",
            "course",
            Column.reference("org_id", "org"),
            Column.text("course_code", "courseCode")),
    CLASS(
            EntityType.CLASS,
            "roster_class",
            "class",
            Column.reference("course_id", "course"),
            Column.reference("school_id", "school"),
            Column.text("class_code", "classCode")),
    USER(
            EntityType.USER,
            "roster_user",
            "user",
            Column.text("email", "email"),
            Column.text("identifier", "identifier"),
            Column.text("user_master_identifier", "userMasterIdentifier"),
            Column.text("username", "username"),
            Column.text("family_name", "familyName"),
            Column.text("given_name", "givenName")),
    ENROLLMENT(
            EntityType.ENROLLMENT,
            "roster_enrollment",
            "enrollment",
            Column.reference("user_id", "user"),
            Column.reference("class_id", "class"),
            Column.reference("school_id", "school"),
            Column.text("role", "role")),
    DEMOGRAPHICS(EntityType.DEMOGRAPHICS, "roster_demographics", "demographics", Column.ownId("user_id"));

    /**
     * A typed column: a text field of the record, the local id in a reference field ({@code
     * field.sourcedId}), or the record's own id. The same value as a SQL expression over {@code rec}
     * and {@code lid} (for the set-based apply) and computed from the record in Java (for COPY).
     */
    record Column(String name, @Nullable String field, boolean reference) {

        static Column text(String name, String field) {
            return new Column(name, field, false);
        }

        static Column reference(String name, String field) {
            return new Column(name, field, true);
        }

        static Column ownId(String name) {
            return new Column(name, null, true);
        }

        String sql() {
            if (field == null) {
                return "lid";
            }
            return reference ? "(rec->'" + field + "'->>'sourcedId')::uuid" : "rec->>'" + field + "'";
        }

        /**
         * Adds what {@link #sql()} gives for the record to a COPY's row: a reference's or the own
         * id as a {@code uuid}, a field as {@code text} (a value that is not a string as its JSON
         * text), a missing or null value as SQL null.
         */
        void writeTo(BinaryCopy row, JsonNode record, UUID localId) {
            if (field == null) {
                row.uuid(localId);
                return;
            }
            JsonNode value = reference ? record.path(field).path("sourcedId") : record.path(field);
            if (value.isMissingNode() || value.isNull()) {
                row.text(null);
            } else if (reference) {
                row.uuid(UUID.fromString(value.asString()));
            } else {
                row.text(value.isString() ? value.stringValue() : value.toString());
            }
        }
    }

    final EntityType type;
    final String table;
    final String wireName;
    private final List<Column> columns;

    EntityTable(EntityType type, String table, String wireName, Column... columns) {
        this.type = type;
        this.table = table;
        this.wireName = wireName;
        this.columns = List.of(columns);
    }

    private static final Map<EntityType, EntityTable> BY_TYPE = new EnumMap<>(EntityType.class);

    static {
        for (EntityTable table : values()) {
            BY_TYPE.put(table.type, table);
        }
    }

    /** The roster table, e.g. {@code roster_user}. */
    public String table() {
        return table;
    }

    /** The name in {@code entity_type} columns ({@code id_mapping}, the journal), e.g. {@code user}. */
    public String wireName() {
        return wireName;
    }

    public static EntityTable of(EntityType type) {
        EntityTable table = BY_TYPE.get(type); // a bulk path asks once per row: no stream here
        if (table == null) {
            throw new IllegalArgumentException("entity type " + type + " has no roster table");
        }
        return table;
    }

    static EntityTable ofWireName(String wireName) {
        return Arrays.stream(values())
                .filter(table -> table.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("entity_type '" + wireName + "' is unknown"));
    }

    /** {@code , org_type, identifier, parent_id}: the typed column names, each after a comma. */
    String typedColumnNames() {
        StringBuilder names = new StringBuilder();
        for (Column column : columns) {
            names.append(", ").append(column.name());
        }
        return names.toString();
    }

    /** The typed columns' expressions, each after a comma, in the order of {@link #typedColumnNames()}. */
    String typedColumnValues() {
        StringBuilder values = new StringBuilder();
        for (Column column : columns) {
            values.append(", ").append(column.sql());
        }
        return values.toString();
    }

    List<Column> columns() {
        return columns;
    }

    /** {@code , org_type = excluded.org_type, …} for an upsert. */
    String typedColumnUpdates() {
        StringBuilder updates = new StringBuilder();
        for (Column column : columns) {
            updates.append(", ").append(column.name()).append(" = excluded.").append(column.name());
        }
        return updates.toString();
    }
}
