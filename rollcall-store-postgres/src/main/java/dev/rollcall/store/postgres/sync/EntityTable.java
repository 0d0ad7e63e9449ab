package dev.rollcall.store.postgres.sync;

import dev.rollcall.connector.api.model.EntityType;
import java.util.Arrays;

/**
 * Where each canonical entity lives: its roster table, the name stored in {@code entity_type}
 * columns, and the typed columns derived from the canonical JSON (for lookups and the OneRoster
 * API's sub-collections), as SQL expressions over {@code rec} (the record) and {@code lid} (its id).
 */
public enum EntityTable {
    ORG(EntityType.ORG, "roster_org", "org", new String[][] {
        {"org_type", "rec->>'type'"},
        {"identifier", "rec->>'identifier'"},
        {"parent_id", "(rec->'parent'->>'sourcedId')::uuid"}
    }),
    ACADEMIC_SESSION(EntityType.ACADEMIC_SESSION, "roster_academic_session", "academicSession", new String[][] {
        {"session_type", "rec->>'type'"},
        {"parent_id", "(rec->'parent'->>'sourcedId')::uuid"},
        {"school_year", "rec->>'schoolYear'"}
    }),
    COURSE(EntityType.COURSE, "roster_course", "course", new String[][] {
        {"org_id", "(rec->'org'->>'sourcedId')::uuid"}, {"course_code", "rec->>'courseCode'"}
    }),
    CLASS(EntityType.CLASS, "roster_class", "class", new String[][] {
        {"course_id", "(rec->'course'->>'sourcedId')::uuid"},
        {"school_id", "(rec->'school'->>'sourcedId')::uuid"},
        {"class_code", "rec->>'classCode'"}
    }),
    USER(EntityType.USER, "roster_user", "user", new String[][] {
        {"email", "rec->>'email'"},
        {"identifier", "rec->>'identifier'"},
        {"user_master_identifier", "rec->>'userMasterIdentifier'"},
        {"username", "rec->>'username'"},
        {"family_name", "rec->>'familyName'"},
        {"given_name", "rec->>'givenName'"}
    }),
    ENROLLMENT(EntityType.ENROLLMENT, "roster_enrollment", "enrollment", new String[][] {
        {"user_id", "(rec->'user'->>'sourcedId')::uuid"},
        {"class_id", "(rec->'class'->>'sourcedId')::uuid"},
        {"school_id", "(rec->'school'->>'sourcedId')::uuid"},
        {"role", "rec->>'role'"}
    }),
    DEMOGRAPHICS(EntityType.DEMOGRAPHICS, "roster_demographics", "demographics", new String[][] {{"user_id", "lid"}});

    final EntityType type;
    final String table;
    final String wireName;
    private final String[][] columns;

    EntityTable(EntityType type, String table, String wireName, String[][] columns) {
        this.type = type;
        this.table = table;
        this.wireName = wireName;
        this.columns = columns;
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
        return Arrays.stream(values())
                .filter(table -> table.type == type)
                .findFirst()
                .orElseThrow();
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
        for (String[] column : columns) {
            names.append(", ").append(column[0]);
        }
        return names.toString();
    }

    /** The typed columns' expressions, each after a comma, in the order of {@link #typedColumnNames()}. */
    String typedColumnValues() {
        StringBuilder values = new StringBuilder();
        for (String[] column : columns) {
            values.append(", ").append(column[1]);
        }
        return values.toString();
    }

    /** {@code , org_type = excluded.org_type, …} for an upsert. */
    String typedColumnUpdates() {
        StringBuilder updates = new StringBuilder();
        for (String[] column : columns) {
            updates.append(", ").append(column[0]).append(" = excluded.").append(column[0]);
        }
        return updates.toString();
    }
}
