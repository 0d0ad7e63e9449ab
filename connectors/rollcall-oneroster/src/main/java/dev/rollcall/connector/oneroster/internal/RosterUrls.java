package dev.rollcall.connector.oneroster.internal;

import dev.rollcall.connector.api.model.EntityType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds the absolute URLs of an integration's rostering endpoints. Immutable. */
final class RosterUrls {

    private final String root;
    private final boolean trailingSlash;

    RosterUrls(URI baseUrl, String pathPrefix, boolean trailingSlash) {
        String base = baseUrl.toString();
        this.root = strip(base) + (pathPrefix.isEmpty() ? "" : "/" + strip(pathPrefix.substring(1)));
        this.trailingSlash = trailingSlash;
    }

    /** A collection, e.g. {@code …/users/?limit=100&offset=0}. */
    URI collection(EntityType type, Map<String, String> query) {
        return URI.create(root + "/" + type.collection() + (trailingSlash ? "/" : "") + query(query));
    }

    /** One record, e.g. {@code …/users/u-1}. */
    URI record(EntityType type, String sourcedId) {
        return URI.create(root + "/" + type.collection() + "/" + encode(sourcedId));
    }

    /** A class's students or teachers, e.g. {@code …/classes/c-1/students}. */
    URI classRoster(String classId, String roster) {
        return URI.create(root + "/classes/" + encode(classId) + "/" + roster);
    }

    /** The query string, with a leading {@code ?}, values percent-encoded (spaces as {@code %20}). */
    static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        return params.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String strip(String path) {
        String result = path;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
