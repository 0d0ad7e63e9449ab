package dev.rollcall.simulator.http;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The 41 GET operations of the OneRoster 1.2 rostering binding, resolved to what they read: a
 * collection of the roster, a scope within it, and the wrapper key of the answer.
 */
final class Routes {

    private Routes() {}

    /** How a route finds its records. */
    enum Kind {
        /** A whole collection, filtered by {@code scope}. */
        LIST,
        /** One record by id (must also pass {@code scope}). */
        SINGLE,
        /** Users enrolled in a class, with a role. */
        CLASS_USERS,
        /** Classes a user is enrolled in. */
        USER_CLASSES
    }

    record Route(
            Kind kind,
            String collection,
            String wrapper,
            Predicate<JsonNode> scope,
            String id,
            String role,
            String schoolId) {}

    static final Predicate<JsonNode> ALL = record -> true;

    static Optional<Route> resolve(List<String> segments) {
        int n = segments.size();
        if (n == 0) {
            return Optional.empty();
        }
        String first = segments.getFirst();
        String id = n > 1 ? segments.get(1) : null;
        if (n == 1) {
            return list(first);
        }
        if (n == 2) {
            return single(first, id);
        }
        String sub = segments.get(2);
        if (n == 3) {
            return switch (first + "/" + sub) {
                case "classes/students" -> classUsers(id, "student", null);
                case "classes/teachers" -> classUsers(id, "teacher", null);
                case "courses/classes" -> list("classes", "classes", ref("course", id));
                case "schools/classes" -> list("classes", "classes", ref("school", id));
                case "schools/courses" -> list("courses", "courses", ref("org", id));
                case "schools/enrollments" -> list("enrollments", "enrollments", ref("school", id));
                case "schools/students" -> list("users", "users", hasRoleIn("student", id));
                case "schools/teachers" -> list("users", "users", hasRoleIn("teacher", id));
                case "schools/terms" -> list("academicSessions", "academicSessions", type("term"));
                case "students/classes", "teachers/classes", "users/classes" ->
                    Optional.of(new Route(Kind.USER_CLASSES, "classes", "classes", ALL, id, null, null));
                case "terms/classes" -> list("classes", "classes", refIn("terms", id));
                case "terms/gradingPeriods" ->
                    list(
                            "academicSessions",
                            "academicSessions",
                            type("gradingPeriod").and(ref("parent", id)));
                default -> Optional.empty();
            };
        }
        if (n == 5 && first.equals("schools") && sub.equals("classes")) {
            String classId = segments.get(3);
            return switch (segments.get(4)) {
                case "enrollments" ->
                    list("enrollments", "enrollments", ref("class", classId).and(ref("school", id)));
                case "students" -> classUsers(classId, "student", id);
                case "teachers" -> classUsers(classId, "teacher", id);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    private static Optional<Route> list(String name) {
        return switch (name) {
            case "academicSessions", "classes", "courses", "demographics", "enrollments", "orgs", "users" ->
                list(name, name, ALL);
            case "gradingPeriods" -> list("academicSessions", "academicSessions", type("gradingPeriod"));
            case "terms" -> list("academicSessions", "academicSessions", type("term"));
            case "schools" -> list("orgs", "orgs", type("school"));
            case "students" -> list("users", "users", hasRole("student"));
            case "teachers" -> list("users", "users", hasRole("teacher"));
            default -> Optional.empty();
        };
    }

    private static Optional<Route> single(String name, String id) {
        Optional<Route> list = list(name);
        return list.map(route -> new Route(
                Kind.SINGLE, route.collection(), singular(route.collection()), route.scope(), id, null, null));
    }

    private static Optional<Route> list(String collection, String wrapper, Predicate<JsonNode> scope) {
        return Optional.of(new Route(Kind.LIST, collection, wrapper, scope, null, null, null));
    }

    private static Optional<Route> classUsers(String classId, String role, String schoolId) {
        return Optional.of(new Route(Kind.CLASS_USERS, "users", "users", ALL, classId, role, schoolId));
    }

    static String singular(String collection) {
        return switch (collection) {
            case "academicSessions" -> "academicSession";
            case "classes" -> "class";
            case "courses" -> "course";
            case "enrollments" -> "enrollment";
            case "orgs" -> "org";
            case "users" -> "user";
            default -> collection; // demographics
        };
    }

    static Predicate<JsonNode> type(String type) {
        return record -> type.equals(record.path("type").asString());
    }

    static Predicate<JsonNode> ref(String field, String id) {
        return record -> id.equals(record.path(field).path("sourcedId").asString());
    }

    static Predicate<JsonNode> refIn(String field, String id) {
        return record -> {
            for (JsonNode reference : record.path(field)) {
                if (id.equals(reference.path("sourcedId").asString())) {
                    return true;
                }
            }
            return false;
        };
    }

    static Predicate<JsonNode> hasRole(String role) {
        return record -> {
            for (JsonNode entry : record.path("roles")) {
                if (role.equals(entry.path("role").asString())) {
                    return true;
                }
            }
            return false;
        };
    }

    static Predicate<JsonNode> hasRoleIn(String role, String orgId) {
        return record -> {
            for (JsonNode entry : record.path("roles")) {
                if (role.equals(entry.path("role").asString())
                        && orgId.equals(entry.path("org").path("sourcedId").asString())) {
                    return true;
                }
            }
            return false;
        };
    }
}
