package dev.rollcall.connector.api.json;

import dev.rollcall.connector.api.model.Enrollment;
import dev.rollcall.connector.api.model.EnrollmentRole;
import dev.rollcall.connector.api.model.GuidRef;
import dev.rollcall.connector.api.model.GuidType;
import dev.rollcall.connector.api.model.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * An {@link Enrollment} read from its JSON by hand, straight from the parser's tokens, as {@link
 * RosterJson}'s mapper reads it: a district's roster is mostly enrollments (a million of the {@code
 * large} roster's 1.2 million records), and the mapper's record creator, which buffers every
 * property by name before it calls the constructor, was the largest single share of a first load's
 * reading. Only the form servers send is read here: string fields as strings, the references as
 * objects, {@code primary} as a boolean or {@code "true"}/{@code "false"}, dates and instants in
 * their ISO forms. Anything else (a {@code metadata} object, a number where text belongs, a field
 * twice, a value a constructor refuses, JSON that does not parse) answers null, and the caller reads
 * the record with the mapper, which then gives the answer or the error it always gave. Fields it does
 * not know are skipped, as the mapper skips them. Stateless and thread-safe.
 */
final class EnrollmentReader {

    private static final int SOURCED_ID = 1;
    private static final int STATUS = 1 << 1;
    private static final int DATE_LAST_MODIFIED = 1 << 2;
    private static final int USER = 1 << 3;
    private static final int CLASS = 1 << 4;
    private static final int SCHOOL = 1 << 5;
    private static final int ROLE = 1 << 6;
    private static final int PRIMARY = 1 << 7;
    private static final int BEGIN_DATE = 1 << 8;
    private static final int END_DATE = 1 << 9;

    private EnrollmentReader() {}

    /** The enrollment in {@code length} bytes of UTF-8 JSON from {@code offset}, or null: see the class. */
    static @Nullable Enrollment read(byte[] json, int offset, int length) {
        try (JsonParser parser = RosterJson.mapper().createParser(json, offset, length)) {
            return read(parser);
        } catch (JacksonException | IllegalArgumentException e) {
            return null; // the mapper reads it again, and says what is wrong in its own words
        }
    }

    private static @Nullable Enrollment read(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String sourcedId = null;
        Status status = null;
        Instant dateLastModified = null;
        GuidRef user = null;
        GuidRef classRef = null;
        GuidRef school = null;
        EnrollmentRole role = null;
        Boolean primary = null;
        LocalDate beginDate = null;
        LocalDate endDate = null;
        int read = 0;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            int field = field(name);
            if (field == 0) {
                if (name.equals("metadata")) {
                    return null; // a map of any JSON: the mapper's to read
                }
                parser.skipChildren(); // a field the model does not have, skipped as the mapper skips it
                continue;
            }
            if ((read & field) != 0) {
                return null; // twice: which one wins is the mapper's to say
            }
            read |= field;
            if (value == JsonToken.VALUE_NULL) {
                continue; // null, as if absent
            }
            Object parsed =
                    switch (field) {
                        case SOURCED_ID -> sourcedId = text(parser, value);
                        case STATUS -> status = map(text(parser, value), Status::fromWire);
                        case DATE_LAST_MODIFIED -> dateLastModified = map(text(parser, value), IsoInstants::fast);
                        case USER -> user = reference(parser, value);
                        case CLASS -> classRef = reference(parser, value);
                        case SCHOOL -> school = reference(parser, value);
                        case ROLE -> role = map(text(parser, value), EnrollmentRole::new);
                        case PRIMARY -> primary = OneRosterBoolean.read(parser);
                        case BEGIN_DATE -> beginDate = map(text(parser, value), IsoInstants::fastDate);
                        case END_DATE -> endDate = map(text(parser, value), IsoInstants::fastDate);
                        default -> throw new IllegalStateException("field " + field);
                    };
            if (parsed == null) {
                return null; // a value not in the form read here
            }
        }
        return new Enrollment(
                sourcedId, status, dateLastModified, null, user, classRef, school, role, primary, beginDate, endDate);
    }

    private static int field(String name) {
        return switch (name) {
            case "sourcedId" -> SOURCED_ID;
            case "status" -> STATUS;
            case "dateLastModified" -> DATE_LAST_MODIFIED;
            case "user" -> USER;
            case "class" -> CLASS;
            case "school" -> SCHOOL;
            case "role" -> ROLE;
            case "primary" -> PRIMARY;
            case "beginDate" -> BEGIN_DATE;
            case "endDate" -> END_DATE;
            default -> 0;
        };
    }

    /** {@code read} of the text, or null when there is no text (or {@code read} answers null). */
    private static <T> @Nullable T map(@Nullable String text, Function<String, @Nullable T> read) {
        return text == null ? null : read.apply(text);
    }

    /** The string, or null when the value is not one. */
    private static @Nullable String text(JsonParser parser, JsonToken value) {
        return value == JsonToken.VALUE_STRING ? parser.getString() : null;
    }

    /** A reference object with string members (null ones as absent), or null for anything else. */
    private static @Nullable GuidRef reference(JsonParser parser, JsonToken value) {
        if (value != JsonToken.START_OBJECT) {
            return null;
        }
        String href = null;
        String sourcedId = null;
        String type = null;
        int read = 0;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken member = parser.nextToken();
            int field =
                    switch (name) {
                        case "href" -> 1;
                        case "sourcedId" -> 2;
                        case "type" -> 4;
                        default -> 0;
                    };
            if (field == 0) {
                parser.skipChildren();
                continue;
            }
            if ((read & field) != 0) {
                return null;
            }
            read |= field;
            if (member == JsonToken.VALUE_NULL) {
                continue;
            }
            if (member != JsonToken.VALUE_STRING) {
                return null;
            }
            switch (field) {
                case 1 -> href = parser.getString();
                case 2 -> sourcedId = parser.getString();
                default -> type = parser.getString();
            }
        }
        if (sourcedId == null) {
            return null; // the constructor refuses it: the mapper says so in its words
        }
        return new GuidRef(href, sourcedId, type == null ? null : new GuidType(type));
    }
}
