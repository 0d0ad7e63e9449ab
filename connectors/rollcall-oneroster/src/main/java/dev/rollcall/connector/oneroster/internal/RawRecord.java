package dev.rollcall.connector.oneroster.internal;

import dev.rollcall.connector.api.http.UpstreamBody;
import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.json.SourceHasher;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.model.RosterEntity;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * One record of a page as the server sent it: its bytes within the page's body, and the two
 * members a read needs of every record, its {@code sourcedId} (for the page anchors) and its {@code
 * dateLastModified} (for the watermark). A record the store already holds byte for byte is read no
 * further; one read in full is read into the model straight from its bytes ({@link RecordParser}).
 * Its JSON tree is made only when something needs it: a record that breaks a rule, or one whose
 * payload is asked for (a dead letter, a record waiting for its references).
 *
 * <p>Made by the thread that reads the page, then used by one thread at a time; the tree, once made,
 * is safe to share.
 */
final class RawRecord {

    private final String sourcedId;
    /** Whether the {@code sourcedId} member is a JSON string (not a number, a boolean or null). */
    private final boolean stringId;
    /** Whether the record has a {@code role} member but no {@code roles} (a OneRoster 1.1 user, if a user). */
    private final boolean oneOneRole;

    private final @Nullable String dateLastModified;
    private final @Nullable UpstreamBody body;
    private final int start;
    private final int end;
    private volatile @Nullable JsonNode tree;

    private RawRecord(
            String sourcedId,
            boolean stringId,
            boolean oneOneRole,
            @Nullable String dateLastModified,
            @Nullable UpstreamBody body,
            int start,
            int end,
            @Nullable JsonNode tree) {
        this.sourcedId = sourcedId;
        this.stringId = stringId;
        this.oneOneRole = oneOneRole;
        this.dateLastModified = dateLastModified;
        this.body = body;
        this.start = start;
        this.end = end;
        this.tree = tree;
    }

    /** A record already parsed (it has no bytes of its own, hence no source hash). */
    static RawRecord of(JsonNode tree) {
        JsonNode modified = tree.get("dateLastModified");
        return new RawRecord(
                tree.path("sourcedId").asString(""),
                tree.path("sourcedId").isString(),
                tree.has("role") && !tree.has("roles"),
                modified != null && modified.isString() ? modified.stringValue() : null,
                null,
                0,
                0,
                tree);
    }

    /**
     * Reads the record whose first token the parser is at, from the body the parser reads, keeping
     * where its bytes are and a few of its members; a value that is not an object is parsed whole.
     */
    static RawRecord read(JsonParser parser, UpstreamBody body) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return of(valueAt(parser));
        }
        long start = parser.currentTokenLocation().getByteOffset();
        String sourcedId = "";
        boolean stringId = false;
        boolean role = false;
        boolean roles = false;
        String modified = null;
        for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "sourcedId" -> {
                    sourcedId = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getString() : "";
                    stringId = value == JsonToken.VALUE_STRING;
                }
                case "dateLastModified" -> modified = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                case "role" -> role = true;
                case "roles" -> roles = true;
                default -> {}
            }
            parser.skipChildren();
        }
        long end = parser.currentLocation().getByteOffset();
        check(start, end, body);
        return new RawRecord(sourcedId, stringId, role && !roles, modified, body, (int) start, (int) end, null);
    }

    private static void check(long start, long end, UpstreamBody body) {
        if (start < 0 || end <= start || end > body.length()) {
            // The page checks that its parser counts bytes (a UTF-8 body) before reading records.
            throw new IllegalStateException(
                    "record at byte " + start + " ends at byte " + end + " of " + body.length());
        }
    }

    /**
     * The value the parser is at, as a tree; the parser goes on after it. Read through the parser's
     * own context (the mapper's parsers have one each), not a new one per record.
     */
    static JsonNode valueAt(JsonParser parser) {
        return parser.readValueAsTree();
    }

    /** The {@code sourcedId} as text ({@code ""} when it has none), as {@code JsonNode.asString("")} gives it. */
    String sourcedId() {
        return sourcedId;
    }

    /** The {@code dateLastModified} text, when the record has one as a string. */
    @Nullable
    String dateLastModified() {
        return dateLastModified;
    }

    /** The hash of the record's bytes, or null for a record parsed without them. */
    @Nullable
    Checksum hash(SourceHasher hasher) {
        if (body == null) {
            return null;
        }
        UpstreamBody.Range bytes = bytes();
        return hasher.hash(bytes.array(), bytes.offset(), bytes.length());
    }

    /**
     * Whether the record can be read into the model straight from its bytes, as its tree would read:
     * it has its bytes and a {@code sourcedId} that is a string, and it is not a OneRoster 1.1 user
     * (whose single {@code role} is rewritten on the tree first; an enrollment's {@code role} is its own).
     */
    boolean readableFromBytes(EntityType type) {
        return body != null
                && tree == null
                && stringId
                && !sourcedId.isBlank()
                && !(type == EntityType.USER && oneOneRole);
    }

    /** The record's entity read straight from its bytes ({@link #readableFromBytes(EntityType)}). */
    RosterEntity entity(EntityType type) {
        UpstreamBody.Range bytes = bytes();
        return RosterJson.read(type, bytes.array(), bytes.offset(), bytes.length());
    }

    /** The record's JSON tree, parsed from its bytes on first use. */
    JsonNode tree() {
        JsonNode parsed = tree;
        if (parsed == null) {
            UpstreamBody.Range bytes = bytes();
            parsed = RosterJson.mapper().readTree(bytes.array(), bytes.offset(), bytes.length());
            tree = parsed;
        }
        return parsed;
    }

    /** The record's bytes within the page's body (a record parsed without them has none). */
    private UpstreamBody.Range bytes() {
        return java.util.Objects.requireNonNull(body, "a record parsed without its bytes")
                .range(start, end);
    }
}
