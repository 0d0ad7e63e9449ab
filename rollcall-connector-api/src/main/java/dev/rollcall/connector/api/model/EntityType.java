package dev.rollcall.connector.api.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The canonical roster entities, declared in the order a sync applies them: every entity comes
 * after the entities it references (a class references its course, school and terms; an
 * enrollment references its user, class and school).
 */
public enum EntityType {
    ORG("orgs", Org.class),
    ACADEMIC_SESSION("academicSessions", AcademicSession.class),
    COURSE("courses", Course.class),
    CLASS("classes", RosterClass.class),
    USER("users", User.class),
    ENROLLMENT("enrollments", Enrollment.class),
    DEMOGRAPHICS("demographics", Demographics.class);

    private final String collection;
    private final Class<? extends RosterEntity> recordType;

    EntityType(String collection, Class<? extends RosterEntity> recordType) {
        this.collection = collection;
        this.recordType = recordType;
    }

    /** The OneRoster 1.2 collection name, e.g. {@code academicSessions}. */
    public String collection() {
        return collection;
    }

    public Class<? extends RosterEntity> recordType() {
        return recordType;
    }

    public static Optional<EntityType> fromCollection(String collection) {
        return Arrays.stream(values())
                .filter(type -> type.collection.equals(collection))
                .findFirst();
    }
}
