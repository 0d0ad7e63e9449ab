package dev.rollcall.simulator.http;

import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.model.OneRosterRules;
import dev.rollcall.connector.api.model.RosterEntity;
import dev.rollcall.connector.api.model.Violation;
import dev.rollcall.simulator.SimulatedRoster;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * TimeBack's rostering writes, which the {@code timeback} dialect serves next to the read binding:
 *
 * <ul>
 *   <li>{@code POST /{collection}} with a wrapper body keyed by the singular entity name ({@code
 *       {"user": {…}}}); the server allocates a {@code sourcedId} when none is given and answers 201
 *       {@code {"sourcedIdPairs": {"suppliedSourcedId", "allocatedSourcedId"}}}; a sourcedId that
 *       exists already is refused (PUT replaces);
 *   <li>{@code PUT /{collection}/{id}}: creates (201) or replaces (200) the record, answering {@code
 *       sourcedIdPairs} too;
 *   <li>{@code DELETE /{collection}/{id}}: a soft delete to {@code tobedeleted} with a new {@code
 *       dateLastModified}, 204;
 *   <li>{@code POST /classes/{id}/students|teachers} with {@code {"enrollment": {"user":
 *       {"sourcedId"}, …}}}: creates the enrollment in the class's school, answering {@code
 *       sourcedIdPairs}.
 * </ul>
 *
 * <p>The collections are the seven base ones; {@code students}, {@code teachers}, {@code terms},
 * {@code schools} and {@code gradingPeriods} are read-only views (405). Bodies are checked against
 * the canonical model and {@link OneRosterRules}; a bad body is a 400 {@code invaliddata} naming the
 * field. {@code status} defaults to {@code active}; {@code dateLastModified} is the server's. Writes
 * go into the {@link SimulatedRoster} overlay, so reads, delta filters and webhooks see them.
 *
 * <p>Thread-safe: stateless apart from the roster, which serialises changes.
 */
final class RosterWrites {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a write answers; an error carries the imsx codeMinor. */
    record Reply(
            int status, @Nullable JsonNode body, @Nullable String codeMinor, String description) {

        static Reply ok(int status, @Nullable JsonNode body) {
            return new Reply(status, body, null, "");
        }

        static Reply error(int status, String codeMinor, String description) {
            return new Reply(status, null, codeMinor, description);
        }

        boolean failed() {
            return codeMinor != null;
        }
    }

    private static final Set<String> VIEWS = Set.of("students", "teachers", "terms", "schools", "gradingPeriods");

    private final SimulatedRoster roster;
    private final Clock clock;

    RosterWrites(SimulatedRoster roster, Clock clock) {
        this.roster = roster;
        this.clock = clock;
    }

    /** The scope a write method needs when the token has scopes: see {@link TokenService#SCOPES}. */
    static boolean permits(TokenService.Token token, String method) {
        if (token.scopes().isEmpty()) {
            return true;
        }
        return token.scopes().contains(method.equals("DELETE") ? TokenService.DELETE_SCOPE : TokenService.WRITE_SCOPE);
    }

    Reply apply(String method, List<String> segments, byte[] body) {
        String first = segments.isEmpty() ? "" : segments.getFirst();
        if (VIEWS.contains(first)) {
            return Reply.error(
                    405,
                    "invaliddata",
                    first + " is a read-only view: write through "
                            + (first.equals("students") || first.equals("teachers")
                                    ? "users"
                                    : first.equals("schools") ? "orgs" : "academicSessions"));
        }
        Optional<EntityType> type = EntityType.fromCollection(first);
        if (type.isEmpty()) {
            return Reply.error(404, "unknownobject", "no writable collection at /" + String.join("/", segments));
        }
        return switch (segments.size()) {
            case 1 ->
                method.equals("POST")
                        ? create(type.get(), body)
                        : notAllowed(
                                method, segments, "use POST to create, PUT or DELETE on /" + first + "/{sourcedId}");
            case 2 ->
                switch (method) {
                    case "PUT" -> replace(type.get(), segments.get(1), body);
                    case "DELETE" -> delete(type.get(), segments.get(1));
                    default -> notAllowed(method, segments, "use PUT or DELETE on one record");
                };
            case 3 -> {
                boolean enrol = first.equals("classes")
                        && (segments.get(2).equals("students")
                                || segments.get(2).equals("teachers"));
                if (enrol && method.equals("POST")) {
                    yield enrol(segments.get(1), segments.get(2).equals("students") ? "student" : "teacher", body);
                }
                yield notAllowed(method, segments, "only POST classes/{id}/students|teachers writes here");
            }
            default -> notAllowed(method, segments, "this path is read-only");
        };
    }

    private static Reply notAllowed(String method, List<String> segments, String hint) {
        return Reply.error(405, "invaliddata", method + " /" + String.join("/", segments) + " is not allowed: " + hint);
    }

    private Reply create(EntityType type, byte[] body) {
        Parsed parsed = unwrap(type, body);
        if (parsed.problem != null) {
            return parsed.problem;
        }
        ObjectNode record = parsed.record;
        return store(type, record, record.path("sourcedId").asString(""), true);
    }

    private Reply replace(EntityType type, String id, byte[] body) {
        Parsed parsed = unwrap(type, body);
        if (parsed.problem != null) {
            return parsed.problem;
        }
        ObjectNode record = parsed.record;
        String given = record.path("sourcedId").asString("");
        if (!given.isEmpty() && !given.equals(id)) {
            return Reply.error(
                    400,
                    "invaliddata",
                    singular(type) + ".sourcedId: '" + given + "' differs from the path's '" + id + "'");
        }
        record.put("sourcedId", id);
        return store(type, record, id, false);
    }

    private Reply delete(EntityType type, String id) {
        return roster.softDelete(type.collection(), id)
                .map(record -> Reply.ok(204, null))
                .orElseGet(() -> Reply.error(404, "unknownobject", singular(type) + " " + id + " does not exist"));
    }

    private Reply enrol(String classId, String role, byte[] body) {
        Optional<ObjectNode> rosterClass = roster.get("classes", classId);
        if (rosterClass.isEmpty()) {
            return Reply.error(404, "unknownobject", "class " + classId + " does not exist");
        }
        Parsed parsed = unwrap(EntityType.ENROLLMENT, body);
        if (parsed.problem != null) {
            return parsed.problem;
        }
        ObjectNode enrollment = parsed.record;
        String userId = enrollment.path("user").path("sourcedId").asString("");
        if (userId.isEmpty()) {
            return Reply.error(400, "invaliddata", "enrollment.user.sourcedId: is required");
        }
        if (roster.get("users", userId).isEmpty()) {
            return Reply.error(400, "invaliddata", "enrollment.user.sourcedId: no user '" + userId + "' exists");
        }
        enrollment.set("class", reference("classes", classId, "class"));
        JsonNode school = rosterClass.get().path("school");
        if (school.isObject()) {
            enrollment.set("school", school.deepCopy());
        }
        enrollment.put("role", role);
        return store(
                EntityType.ENROLLMENT, enrollment, enrollment.path("sourcedId").asString(""), true);
    }

    private static ObjectNode reference(String collection, String id, String type) {
        ObjectNode ref = JSON.createObjectNode();
        ref.put("href", "/" + collection + "/" + id);
        ref.put("sourcedId", id);
        ref.put("type", type);
        return ref;
    }

    /**
     * Validates, stores in canonical form and answers {@code sourcedIdPairs}.
     *
     * @param mustBeNew true for a create: a sourcedId that exists already is refused (PUT replaces)
     */
    private Reply store(EntityType type, ObjectNode record, String supplied, boolean mustBeNew) {
        if (!record.has("status")) {
            record.put("status", "active");
        }
        // Validation needs an id and a timestamp; the roster allocates and stamps the real ones.
        boolean allocate = !record.hasNonNull("sourcedId")
                || record.path("sourcedId").asString("").isEmpty();
        record.put("dateLastModified", Instant.now(clock).toString());
        if (allocate) {
            record.put("sourcedId", "to-be-allocated");
        }
        RosterEntity entity;
        try {
            entity = RosterJson.read(type, record);
        } catch (JacksonException e) {
            return Reply.error(400, "invaliddata", singular(type) + path(e) + ": " + reason(e));
        }
        List<Violation> errors = OneRosterRules.errors(entity);
        if (!errors.isEmpty()) {
            return Reply.error(
                    400,
                    "invaliddata",
                    errors.stream()
                            .map(violation -> singular(type) + "." + violation)
                            .collect(Collectors.joining("; ")));
        }
        ObjectNode canonical = (ObjectNode) RosterJson.toTree(entity);
        if (allocate) {
            canonical.remove("sourcedId");
        }
        Optional<SimulatedRoster.Written> stored = mustBeNew
                ? roster.putNew(type.collection(), canonical)
                : Optional.of(roster.put(type.collection(), canonical));
        if (stored.isEmpty()) {
            return Reply.error(
                    400,
                    "invaliddata",
                    singular(type) + ".sourcedId: '" + supplied + "' exists already; PUT /" + type.collection() + "/"
                            + supplied + " replaces it");
        }
        SimulatedRoster.Written written = stored.get();
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode pairs = answer.putObject("sourcedIdPairs");
        pairs.put("suppliedSourcedId", supplied);
        pairs.put("allocatedSourcedId", written.sourcedId());
        return Reply.ok(written.created() ? 201 : 200, answer);
    }

    private record Parsed(ObjectNode record, @Nullable Reply problem) {}

    /** The record inside {@code {"<singular>": {…}}}, as a fresh object the caller may change. */
    private static Parsed unwrap(EntityType type, byte[] body) {
        String wrapper = singular(type);
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            return problem("the body is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            return problem("the body must be a JSON object {\"" + wrapper + "\": {…}}");
        }
        JsonNode inner = json.get(wrapper);
        if (inner == null || !inner.isObject()) {
            return problem(wrapper + ": the body must be {\"" + wrapper + "\": {…}}, but has " + json.propertyNames());
        }
        return new Parsed(((ObjectNode) inner).deepCopy(), null);
    }

    private static Parsed problem(String description) {
        return new Parsed(JSON.createObjectNode(), Reply.error(400, "invaliddata", description));
    }

    private static String singular(EntityType type) {
        return Routes.singular(type.collection());
    }

    /** The JSON path Jackson reports, as {@code .roles[0].roleType}. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append('.').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String reason(JacksonException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        String message = e.getOriginalMessage();
        return message == null
                ? e.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message);
    }
}
