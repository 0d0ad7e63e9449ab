package dev.rollcall.server.oneroster;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Gives each reference in a served record the {@code href} OneRoster 1.2 requires of a GUIDRef
 * ({@code {"href", "sourcedId", "type"}}). The store keeps references as {@code {"type",
 * "sourcedId"}} with Rollcall's local id (an upstream's {@code href} points into the upstream, so
 * the engine drops it), and the href is Rollcall's own: {@code
 * /ims/oneroster/rostering/v1p2/{collection}/{sourcedId}}, path-absolute like the {@code Link}
 * header's URLs, so it holds behind any proxy.
 *
 * <p>It works on the record's text as PostgreSQL renders {@code jsonb}, without parsing it: keys in
 * a fixed order and fixed separators, so a reference without an href is exactly {@code {"type":
 * "…", "sourcedId": "…"}}, and {@code {"type": "} can only occur as structure (a quote inside a
 * string value is escaped). A reference of a type Rollcall does not serve (a resource, say), one
 * that already has an href, or one with other keys is left as it is.
 */
final class GuidRefHrefs {

    /** Where each GUIDRef type is served. */
    static final Map<String, String> COLLECTIONS = Map.ofEntries(
            Map.entry("academicSession", "academicSessions"),
            Map.entry("class", "classes"),
            Map.entry("course", "courses"),
            Map.entry("demographics", "demographics"),
            Map.entry("district", "orgs"),
            Map.entry("enrollment", "enrollments"),
            Map.entry("gradingPeriod", "gradingPeriods"),
            Map.entry("org", "orgs"),
            Map.entry("school", "schools"),
            Map.entry("student", "students"),
            Map.entry("teacher", "teachers"),
            Map.entry("term", "terms"),
            Map.entry("user", "users"));

    private static final String START = "{\"type\": \"";
    private static final String MIDDLE = "\", \"sourcedId\": \"";

    private GuidRefHrefs() {}

    /** {@code document} with an href in every reference that lacks one; the same string when none does. */
    static String add(String document) {
        int at = document.indexOf(START);
        if (at < 0) {
            return document;
        }
        StringBuilder out = null;
        int copied = 0;
        while (at >= 0) {
            int typeStart = at + START.length();
            int typeEnd = document.indexOf('"', typeStart);
            String collection = typeEnd < 0 ? null : COLLECTIONS.get(document.substring(typeStart, typeEnd));
            int idStart = typeEnd + MIDDLE.length();
            int idEnd = collection == null || !document.startsWith(MIDDLE, typeEnd) ? -1 : stringEnd(document, idStart);
            if (idEnd > idStart && idEnd + 1 < document.length() && document.charAt(idEnd + 1) == '}') {
                String href = href(collection, document.substring(idStart, idEnd));
                if (href != null) {
                    if (out == null) {
                        out = new StringBuilder(document.length() + 128);
                    }
                    out.append(document, copied, at + 1)
                            .append("\"href\": \"")
                            .append(href)
                            .append("\", ");
                    copied = at + 1;
                }
            }
            at = document.indexOf(START, typeStart);
        }
        return out == null
                ? document
                : out.append(document, copied, document.length()).toString();
    }

    /** The index of the quote that ends the JSON string starting at {@code from}, or -1. */
    private static int stringEnd(String document, int from) {
        for (int i = from; i < document.length(); i++) {
            char c = document.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\') {
                return -1; // an escaped id is not one Rollcall gave; leave the reference alone
            }
        }
        return -1;
    }

    /** The href for an id as it stands in the JSON text, or null when it needs escaping Rollcall does not do. */
    private static @Nullable String href(String collection, String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean unreserved = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~';
            if (!unreserved) {
                return null;
            }
        }
        return OneRosterController.BASE + "/" + collection + "/" + id;
    }
}
