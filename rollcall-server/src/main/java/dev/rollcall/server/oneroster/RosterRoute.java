package dev.rollcall.server.oneroster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One of the 41 GET operations of the OneRoster 1.2 rostering binding, resolved from its path to
 * SQL: the collection it reads, the condition that scopes it (over the roster table aliased {@code
 * r}, after {@code r.tenant_id = ?}), and the parents that must exist (a sub-collection of an unknown
 * class is a 404, not an empty page). Ids in paths are Rollcall's UUIDs; anything else is unknown.
 *
 * @param id the record's id for a single-record read; null for a collection
 * @param wrapper the key the answer wraps its records in
 */
record RosterRoute(
        RosterCollection collection,
        @Nullable UUID id,
        String wrapper,
        String scope,
        List<Object> scopeParameters,
        List<Parent> parents) {

    /** A record that must exist for the route to answer: described for the 404, checked by SQL. */
    record Parent(String description, String table, String condition, List<Object> parameters) {}

    boolean single() {
        return id != null;
    }

    private static final String STUDENT = "r.record->'roles' @> '[{\"role\":\"student\"}]'";
    private static final String TEACHER = "r.record->'roles' @> '[{\"role\":\"teacher\"}]'";

    /**
     * The route for {@code segments} (the path after {@code /ims/oneroster/rostering/v1p2}).
     *
     * @throws OneRosterException {@code unknownobject} when an id in the path is not a UUID
     */
    static Optional<RosterRoute> resolve(List<String> segments) {
        int n = segments.size();
        if (n == 0) {
            return Optional.empty();
        }
        String first = segments.getFirst();
        if (n == 1) {
            return base(first).map(Base::list);
        }
        UUID id = id(segments.get(1), first);
        if (n == 2) {
            return base(first).map(base -> base.single(id));
        }
        String sub = segments.get(2);
        if (n == 3) {
            return switch (first + "/" + sub) {
                case "classes/students" -> Optional.of(classUsers(id, "student", null));
                case "classes/teachers" -> Optional.of(classUsers(id, "teacher", null));
                case "courses/classes" ->
                    Optional.of(list(RosterCollection.CLASSES, "r.course_id = ?", List.of(id), course(id)));
                case "schools/classes" ->
                    Optional.of(list(RosterCollection.CLASSES, "r.school_id = ?", List.of(id), school(id)));
                case "schools/courses" ->
                    Optional.of(list(RosterCollection.COURSES, "r.org_id = ?", List.of(id), school(id)));
                case "schools/enrollments" ->
                    Optional.of(list(RosterCollection.ENROLLMENTS, "r.school_id = ?", List.of(id), school(id)));
                case "schools/students" -> Optional.of(schoolUsers(id, "student"));
                case "schools/teachers" -> Optional.of(schoolUsers(id, "teacher"));
                case "schools/terms" ->
                    Optional.of(list(
                            RosterCollection.ACADEMIC_SESSIONS,
                            "r.session_type = 'term' and (r.record->'org'->>'sourcedId' is null"
                                    + " or r.record->'org'->>'sourcedId' = ?"
                                    + " or r.record->'org'->>'sourcedId' = (select o.parent_id::text from roster_org o"
                                    + " where o.tenant_id = r.tenant_id and o.id = ?))",
                            List.of(id.toString(), id),
                            school(id)));
                case "students/classes" -> Optional.of(userClasses(id, user(id, "student", STUDENT)));
                case "teachers/classes" -> Optional.of(userClasses(id, user(id, "teacher", TEACHER)));
                case "users/classes" -> Optional.of(userClasses(id, user(id, "user", "true")));
                case "terms/classes" ->
                    Optional.of(list(
                            RosterCollection.CLASSES,
                            "r.record->'terms' @> jsonb_build_array(jsonb_build_object('sourcedId', cast(? as text)))",
                            List.of(id.toString()),
                            term(id)));
                case "terms/gradingPeriods" ->
                    Optional.of(list(
                            RosterCollection.ACADEMIC_SESSIONS,
                            "r.session_type = 'gradingPeriod' and r.parent_id = ?",
                            List.of(id),
                            term(id)));
                default -> Optional.empty();
            };
        }
        if (n == 5 && first.equals("schools") && sub.equals("classes")) {
            UUID classId = id(segments.get(3), "classes");
            return switch (segments.get(4)) {
                case "enrollments" ->
                    Optional.of(list(
                            RosterCollection.ENROLLMENTS,
                            "r.class_id = ? and r.school_id = ?",
                            List.of(classId, id),
                            school(id),
                            klass(classId)));
                case "students" -> Optional.of(classUsers(classId, "student", id));
                case "teachers" -> Optional.of(classUsers(classId, "teacher", id));
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /** A top-level collection and the condition that narrows its table to it. */
    private record Base(RosterCollection collection, String scope) {
        RosterRoute list() {
            return new RosterRoute(collection, null, collection.wrapper, scope, List.of(), List.of());
        }

        RosterRoute single(UUID id) {
            return new RosterRoute(collection, id, collection.singular, scope, List.of(), List.of());
        }
    }

    private static Optional<Base> base(String name) {
        return Optional.ofNullable(
                switch (name) {
                    case "orgs" -> new Base(RosterCollection.ORGS, "true");
                    case "schools" -> new Base(RosterCollection.ORGS, "r.org_type = 'school'");
                    case "academicSessions" -> new Base(RosterCollection.ACADEMIC_SESSIONS, "true");
                    case "terms" -> new Base(RosterCollection.ACADEMIC_SESSIONS, "r.session_type = 'term'");
                    case "gradingPeriods" ->
                        new Base(RosterCollection.ACADEMIC_SESSIONS, "r.session_type = 'gradingPeriod'");
                    case "courses" -> new Base(RosterCollection.COURSES, "true");
                    case "classes" -> new Base(RosterCollection.CLASSES, "true");
                    case "users" -> new Base(RosterCollection.USERS, "true");
                    case "students" -> new Base(RosterCollection.USERS, STUDENT);
                    case "teachers" -> new Base(RosterCollection.USERS, TEACHER);
                    case "enrollments" -> new Base(RosterCollection.ENROLLMENTS, "true");
                    case "demographics" -> new Base(RosterCollection.DEMOGRAPHICS, "true");
                    default -> null;
                });
    }

    private static RosterRoute list(
            RosterCollection collection, String scope, List<Object> parameters, Parent... parents) {
        return new RosterRoute(collection, null, collection.wrapper, scope, parameters, List.of(parents));
    }

    private static RosterRoute classUsers(UUID classId, String role, @Nullable UUID schoolId) {
        List<Object> parameters = new ArrayList<>(List.of(classId, role));
        String school = "";
        List<Parent> parents = new ArrayList<>();
        if (schoolId != null) {
            school = " and e.school_id = ?";
            parameters.add(schoolId);
            parents.add(school(schoolId));
        }
        parents.add(klass(classId));
        return new RosterRoute(
                RosterCollection.USERS,
                null,
                RosterCollection.USERS.wrapper,
                "r.id in (select e.user_id from roster_enrollment e where e.tenant_id = r.tenant_id"
                        + " and e.class_id = ? and e.role = ? and e.status = 'active'" + school + ")",
                parameters,
                parents);
    }

    private static RosterRoute schoolUsers(UUID schoolId, String role) {
        return list(
                RosterCollection.USERS,
                "r.record->'roles' @> jsonb_build_array(jsonb_build_object('role', cast(? as text),"
                        + " 'org', jsonb_build_object('sourcedId', cast(? as text))))",
                List.of(role, schoolId.toString()),
                school(schoolId));
    }

    private static RosterRoute userClasses(UUID userId, Parent user) {
        return list(
                RosterCollection.CLASSES,
                "r.id in (select e.class_id from roster_enrollment e where e.tenant_id = r.tenant_id"
                        + " and e.user_id = ? and e.status = 'active')",
                List.of(userId),
                user);
    }

    private static Parent school(UUID id) {
        return new Parent("school " + id, "roster_org", "r.org_type = 'school'", List.of(id));
    }

    private static Parent klass(UUID id) {
        return new Parent("class " + id, "roster_class", "true", List.of(id));
    }

    private static Parent course(UUID id) {
        return new Parent("course " + id, "roster_course", "true", List.of(id));
    }

    private static Parent term(UUID id) {
        return new Parent("term " + id, "roster_academic_session", "r.session_type = 'term'", List.of(id));
    }

    private static Parent user(UUID id, String what, String condition) {
        return new Parent(what + " " + id, "roster_user", condition, List.of(id));
    }

    private static UUID id(String segment, String collection) {
        UUID id = RosterFilter.uuid(segment);
        if (id == null) {
            throw OneRosterException.unknownObject(
                    collection + " '" + segment + "' does not exist (Rollcall's sourcedIds are UUIDs)");
        }
        return id;
    }
}
