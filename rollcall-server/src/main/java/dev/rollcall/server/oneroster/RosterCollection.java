package dev.rollcall.server.oneroster;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.model.GuidRef;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Set;

/**
 * A OneRoster collection as Rollcall stores it: its roster table, the wrapper keys of its answers,
 * and the fields a request may name ({@code filter}, {@code sort}, {@code fields}), taken from the
 * canonical model, with the reference fields (a {@code GUIDRef} or a list of them) marked so that
 * {@code course='x'} means {@code course.sourcedId='x'}.
 */
enum RosterCollection {
    ORGS(EntityType.ORG, "roster_org", "orgs", "org"),
    ACADEMIC_SESSIONS(EntityType.ACADEMIC_SESSION, "roster_academic_session", "academicSessions", "academicSession"),
    COURSES(EntityType.COURSE, "roster_course", "courses", "course"),
    CLASSES(EntityType.CLASS, "roster_class", "classes", "class"),
    USERS(EntityType.USER, "roster_user", "users", "user"),
    ENROLLMENTS(EntityType.ENROLLMENT, "roster_enrollment", "enrollments", "enrollment"),
    DEMOGRAPHICS(EntityType.DEMOGRAPHICS, "roster_demographics", "demographics", "demographics");

    final EntityType type;
    final String table;
    final String wrapper;
    final String singular;
    final Set<String> fields;
    final Set<String> referenceFields;

    RosterCollection(EntityType type, String table, String wrapper, String singular) {
        this.type = type;
        this.table = table;
        this.wrapper = wrapper;
        this.singular = singular;
        Set<String> names = new HashSet<>();
        Set<String> references = new HashSet<>();
        for (RecordComponent component : type.recordType().getRecordComponents()) {
            // Jackson's annotation does not target record components: Java puts it on the accessor.
            JsonProperty rename = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = rename != null ? rename.value() : component.getName();
            names.add(name);
            if (isReference(component.getGenericType())) {
                references.add(name);
            }
        }
        if (type == EntityType.USER) {
            names.add("role"); // the simulator's and TimeBack's shorthand for roles.role
        }
        this.fields = Set.copyOf(names);
        this.referenceFields = Set.copyOf(references);
    }

    /** Whether reading it needs the demographics scope. */
    boolean demographics() {
        return this == DEMOGRAPHICS;
    }

    /** Whether its records are about people (users, enrollments, demographics): reads are audited. */
    boolean studentData() {
        return this == USERS || this == ENROLLMENTS || this == DEMOGRAPHICS;
    }

    private static boolean isReference(Type type) {
        if (type == GuidRef.class) {
            return true;
        }
        return type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments().length == 1
                && parameterized.getActualTypeArguments()[0] == GuidRef.class;
    }
}
