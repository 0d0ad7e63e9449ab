package dev.rollcall.connector.oneroster.internal;

import dev.rollcall.connector.api.RecordError;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.model.OneRosterRules;
import dev.rollcall.connector.api.model.RosterEntity;
import dev.rollcall.connector.api.model.Violation;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one record as a server sent it into a canonical {@link SourceRecord}, or into a {@link
 * RecordError} that names the field and the reason. Tolerant of what real servers send: booleans as
 * {@code "true"} or {@code true}, unknown fields (kept in the payload), {@code ext:} vocabulary
 * values, 1.0's {@code inactive} status (read as {@code tobedeleted}), relative or absolute {@code
 * href}s, and a 1.1 user's single {@code role} with its {@code orgs} (read as {@code roles[]}).
 * Stateless and thread-safe.
 */
final class RecordParser {

    /** A parsed record, or why it could not be. */
    sealed interface Parsed {}

    record Good(SourceRecord record) implements Parsed {}

    record Bad(RecordError error) implements Parsed {}

    /**
     * {@link #parse(EntityType, JsonNode)} of the record's tree, but read straight from its bytes
     * when it can be, without the tree: a first load reads a million records, and their trees were
     * the largest share of what it allocated (2.7 GB of the {@code large} benchmark's 20 GB). The
     * payload is the tree, made when asked for. Whatever the bytes do not read as a good record (a
     * field that does not fit, a broken rule) is read again through its tree, so that the error is
     * the tree's.
     */
    Parsed parse(EntityType type, RawRecord raw) {
        if (raw.readableFromBytes(type)) {
            try {
                RosterEntity entity = raw.entity(type);
                if (OneRosterRules.errors(entity).isEmpty()) {
                    return new Good(SourceRecord.of(entity, raw::tree));
                }
            } catch (JacksonException | IllegalArgumentException e) {
                // read through the tree below, which names the field as it always has
            }
        }
        return parse(type, raw.tree());
    }

    Parsed parse(EntityType type, JsonNode raw) {
        if (!raw.isObject()) {
            return new Bad(new RecordError(null, "record: must be a JSON object, but was " + kind(raw), raw));
        }
        JsonNode idNode = raw.get("sourcedId");
        String id =
                idNode != null && idNode.isString() && !idNode.stringValue().isBlank() ? idNode.stringValue() : null;
        if (id == null) {
            return new Bad(new RecordError(null, "sourcedId: is required", raw));
        }
        RosterEntity entity;
        try {
            entity = RosterJson.read(type, normalize(type, (ObjectNode) raw));
        } catch (JacksonException e) {
            return new Bad(new RecordError(id, describe(e), raw));
        } catch (IllegalArgumentException e) {
            return new Bad(new RecordError(id, "record: " + e.getMessage(), raw));
        }
        List<Violation> errors = OneRosterRules.errors(entity);
        if (!errors.isEmpty()) {
            String reason = errors.stream().map(Violation::toString).collect(Collectors.joining("; "));
            return new Bad(new RecordError(id, reason, raw));
        }
        return new Good(SourceRecord.of(entity, raw));
    }

    /** A copy with what the canonical reader does not take as is rewritten; the raw record is kept. */
    private static JsonNode normalize(EntityType type, ObjectNode raw) {
        if (type == EntityType.USER && !raw.has("roles") && raw.has("role")) {
            ObjectNode copy = raw.deepCopy();
            copy.set("roles", rolesFromOneOne(raw));
            return copy;
        }
        return raw;
    }

    /**
     * OneRoster 1.1 gives a user one {@code role} and a list of {@code orgs}; 1.2 gives a role per
     * org. Each org becomes a primary role of that kind (one per org, as 1.2 requires).
     */
    private static ArrayNode rolesFromOneOne(ObjectNode user) {
        ArrayNode roles = RosterJson.mapper().createArrayNode();
        JsonNode role = user.get("role");
        for (JsonNode org : user.path("orgs")) {
            ObjectNode entry = roles.addObject();
            entry.put("roleType", "primary");
            entry.set("role", role);
            entry.set("org", org);
        }
        if (roles.isEmpty()) {
            // No orgs: keep the role so that the rules report the missing org, not a missing role.
            roles.addObject().put("roleType", "primary").set("role", role);
        }
        return roles;
    }

    /** {@code roles[0].roleType: <why>} from Jackson's path and message. */
    static String describe(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root instanceof IllegalArgumentException && root.getMessage() != null
                ? root.getMessage()
                : firstLine(e.getOriginalMessage());
        return (path.isEmpty() ? "record" : path) + ": " + reason;
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "cannot be read";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static String kind(JsonNode node) {
        return node.isArray()
                ? "an array"
                : node.isString() ? "a string" : node.isNumber() ? "a number" : node.toString();
    }
}
