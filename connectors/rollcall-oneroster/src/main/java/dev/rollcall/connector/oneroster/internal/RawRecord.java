package dev.rollcall.connector.oneroster.internal;

import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.json.SourceHasher;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * One record of a page as the server sent it: its bytes within the page's body, and the two
 * members a read needs of every record, its {@code sourcedId} (for the page anchors) and its {@code
 * dateLastModified} (for the watermark). The JSON tree is made only when the record is read in full,
 * which a record the store already holds byte for byte never is.
 *
 * <p>Used by one thread.
 */
final class RawRecord {

    private final String sourcedId;
    private final @Nullable String dateLastModified;
    private final byte @Nullable [] body;
    private final int start;
    private final int end;
    private @Nullable JsonNode tree;

    private RawRecord(
            String sourcedId,
            @Nullable String dateLastModified,
            byte @Nullable [] body,
            int start,
            int end,
            @Nullable JsonNode tree) {
        this.sourcedId = sourcedId;
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
                modified != null && modified.isString() ? modified.stringValue() : null,
                null,
                0,
                0,
                tree);
    }

    /**
     * Reads the record whose first token the parser is at, from the body the parser reads, keeping
     * where its bytes are and, unless {@code tree}, only its two members (its tree is made on first
     * use); a value that is not an object is parsed whole.
     */
    static RawRecord read(JsonParser parser, byte[] body, boolean tree) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return of(valueAt(parser));
        }
        long start = parser.currentTokenLocation().getByteOffset();
        if (tree) {
            JsonNode parsed = valueAt(parser);
            RawRecord record = of(parsed);
            long end = parser.currentLocation().getByteOffset();
            check(start, end, body);
            return new RawRecord(record.sourcedId, record.dateLastModified, body, (int) start, (int) end, parsed);
        }
        String sourcedId = "";
        String modified = null;
        for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("sourcedId")) {
                sourcedId = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getString() : "";
            } else if (name.equals("dateLastModified")) {
                modified = value == JsonToken.VALUE_STRING ? parser.getString() : null;
            }
            parser.skipChildren();
        }
        long end = parser.currentLocation().getByteOffset();
        check(start, end, body);
        return new RawRecord(sourcedId, modified, body, (int) start, (int) end, null);
    }

    private static void check(long start, long end, byte[] body) {
        if (start < 0 || end <= start || end > body.length) {
            // The page checks that its parser counts bytes (a UTF-8 body) before reading records.
            throw new IllegalStateException("record at byte " + start + " ends at byte " + end + " of " + body.length);
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
        return body == null ? null : hasher.hash(body, start, end - start);
    }

    /** The record's JSON tree, parsed from its bytes on first use. */
    JsonNode tree() {
        JsonNode parsed = tree;
        if (parsed == null) {
            parsed = RosterJson.mapper().readTree(java.util.Objects.requireNonNull(body), start, end - start);
            tree = parsed;
        }
        return parsed;
    }
}
