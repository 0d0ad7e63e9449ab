package dev.rollcall.server.roster;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.store.postgres.sync.EntityTable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An entity the roster browser lists, by its OneRoster collection name, with the SQL that titles
 * its rows and searches them. Every expression is over the roster table as {@code r}; enrollments
 * also join their user as {@code u} and their class as {@code c}.
 */
enum BrowsableEntity {
    USERS(
            EntityType.USER,
            "concat_ws(' ', r.given_name, r.family_name)",
            "coalesce(r.email, r.username, r.identifier)",
            List.of(
                    "concat_ws(' ', r.given_name, r.family_name)",
                    "r.family_name",
                    "r.email",
                    "r.username",
                    "r.identifier"),
            true),
    CLASSES(
            EntityType.CLASS,
            "r.record ->> 'title'",
            "r.class_code",
            List.of("r.record ->> 'title'", "r.class_code"),
            false),
    ENROLLMENTS(
            EntityType.ENROLLMENT,
            "concat_ws(' ', u.given_name, u.family_name) || ' in ' || coalesce(c.record ->> 'title', '?')",
            "r.role",
            List.of(
                    "concat_ws(' ', u.given_name, u.family_name)",
                    "u.family_name",
                    "u.email",
                    "c.record ->> 'title'",
                    "c.class_code"),
            true),
    ORGS(
            EntityType.ORG,
            "r.record ->> 'name'",
            "concat_ws(' · ', r.org_type, r.identifier)",
            List.of("r.record ->> 'name'", "r.identifier"),
            false),
    COURSES(
            EntityType.COURSE,
            "r.record ->> 'title'",
            "r.course_code",
            List.of("r.record ->> 'title'", "r.course_code"),
            false),
    ACADEMIC_SESSIONS(
            EntityType.ACADEMIC_SESSION,
            "r.record ->> 'title'",
            "concat_ws(' · ', r.session_type, r.school_year)",
            List.of("r.record ->> 'title'", "r.school_year"),
            false);

    final EntityType type;
    final String title;
    final String detail;
    final List<String> searched;
    /** Records about people: reads are audited. */
    final boolean studentData;

    BrowsableEntity(EntityType type, String title, String detail, List<String> searched, boolean studentData) {
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.searched = searched;
        this.studentData = studentData;
    }

    String collection() {
        return type.collection();
    }

    EntityTable table() {
        return EntityTable.of(type);
    }

    /** The FROM clause: the roster table as {@code r}, and what its title needs. */
    String from() {
        String from = table().table() + " r";
        if (this == ENROLLMENTS) {
            from += " left join roster_user u on u.tenant_id = r.tenant_id and u.id = r.user_id"
                    + " left join roster_class c on c.tenant_id = r.tenant_id and c.id = r.class_id";
        }
        return from;
    }

    static Optional<BrowsableEntity> fromCollection(String collection) {
        return Arrays.stream(values())
                .filter(entity -> entity.collection().equals(collection))
                .findFirst();
    }

    static List<String> collections() {
        return Arrays.stream(values()).map(BrowsableEntity::collection).toList();
    }
}
