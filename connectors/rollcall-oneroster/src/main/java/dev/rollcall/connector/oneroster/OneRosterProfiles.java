package dev.rollcall.connector.oneroster;

import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.oneroster.OneRosterProfile.AuthKind;
import dev.rollcall.connector.oneroster.OneRosterProfile.BooleanStyle;
import dev.rollcall.connector.oneroster.OneRosterProfile.ClientAuth;
import dev.rollcall.connector.oneroster.OneRosterProfile.Endpoints;
import dev.rollcall.connector.oneroster.OneRosterProfile.Paging;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The profiles that ship with the connector, loaded by name from JSON resources in {@code
 * dev/rollcall/connector/oneroster/profiles/}. A profile that does not parse fails with every
 * problem it has, each naming the field. Stateless and thread-safe; profiles are loaded once.
 */
public final class OneRosterProfiles {

    /** The names of the shipped profiles, in the order they are offered. */
    public static final List<String> NAMES =
            List.of("oneroster-1.2", "oneroster-1.1", "timeback", "timeback-2025", "timeback-platform");

    /** The profile used when an integration names none. */
    public static final String DEFAULT = "oneroster-1.2";

    private static final String FOLDER = "/dev/rollcall/connector/oneroster/profiles/";
    private static final Map<String, OneRosterProfile> SHIPPED = loadShipped();

    private OneRosterProfiles() {}

    /** The shipped profile with this name. */
    public static OneRosterProfile get(String name) {
        OneRosterProfile profile = SHIPPED.get(name);
        if (profile == null) {
            throw new IllegalArgumentException("profile must be one of " + NAMES + ", but was '" + name + "'");
        }
        return profile;
    }

    private static Map<String, OneRosterProfile> loadShipped() {
        Map<String, OneRosterProfile> profiles = new LinkedHashMap<>();
        for (String name : NAMES) {
            try (InputStream in = OneRosterProfiles.class.getResourceAsStream(FOLDER + name + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("profile resource " + FOLDER + name + ".json is missing");
                }
                OneRosterProfile profile = parse(RosterJson.mapper().readTree(in));
                if (!profile.name().equals(name)) {
                    throw new IllegalStateException(
                            "profile file " + name + ".json names itself '" + profile.name() + "'");
                }
                profiles.put(name, profile);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read profile " + name, e);
            }
        }
        return Map.copyOf(profiles);
    }

    /**
     * Reads a profile from its JSON form.
     *
     * @throws IllegalArgumentException with every problem, each naming its field
     */
    public static OneRosterProfile parse(JsonNode json) {
        Reader reader = new Reader(json);
        String name = reader.text("name", null);
        Map<String, Endpoints> environments = new LinkedHashMap<>();
        json.path("environments")
                .properties()
                .forEach(entry -> environments.put(
                        entry.getKey(),
                        new Endpoints(
                                reader.optionalText(entry.getValue(), "baseUrl"),
                                reader.optionalText(entry.getValue(), "tokenUrl"))));
        OneRosterProfile profile = new OneRosterProfile(
                name == null ? "?" : name,
                reader.text("description", ""),
                reader.oneOf("version", "1.2", Set.of("1.1", "1.2")),
                environments,
                AuthKind.valueOf(reader.oneOf("auth", "oauth2", Set.of("oauth2", "oauth1", "none"))
                        .toUpperCase(Locale.ROOT)),
                ClientAuth.valueOf(reader.oneOf("clientAuth", "basic", Set.of("basic", "form"))
                        .toUpperCase(Locale.ROOT)),
                reader.optionalText(json, "scope"),
                reader.oneOf("oauth1Method", "HMAC-SHA256", Set.of("HMAC-SHA256", "HMAC-SHA1")),
                reader.text("pathPrefix", null),
                json.path("trailingSlash").asBoolean(false),
                Paging.valueOf(reader.oneOf("paging", "headers", Set.of("headers", "body"))
                        .toUpperCase(Locale.ROOT)),
                reader.text("totalField", "totalCount"),
                reader.positive("defaultPageSize", 100),
                reader.positive("maxPageSize", 1000),
                BooleanStyle.valueOf(reader.oneOf("booleans", "string", Set.of("string", "json"))
                        .toUpperCase(Locale.ROOT)),
                reader.positive("maxFilterPredicates", 2),
                json.path("inListFilter").asBoolean(false),
                json.path("writes").asBoolean(false),
                json.path("classRosterWrites").asBoolean(false));
        if (profile.pathPrefix() != null && !profile.pathPrefix().startsWith("/")) {
            reader.problems.add("pathPrefix: must start with '/', but was '" + profile.pathPrefix() + "'");
        }
        if (profile.defaultPageSize() > profile.maxPageSize()) {
            reader.problems.add("defaultPageSize: must not exceed maxPageSize " + profile.maxPageSize() + ", but was "
                    + profile.defaultPageSize());
        }
        if (!reader.problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "profile '" + profile.name() + "' is invalid: " + String.join("; ", reader.problems));
        }
        return profile;
    }

    /** Reads fields and collects every problem instead of stopping at the first. */
    private static final class Reader {
        private final JsonNode json;
        private final List<String> problems = new ArrayList<>();

        Reader(JsonNode json) {
            this.json = json;
        }

        String text(String field, @Nullable String fallback) {
            JsonNode value = json.get(field);
            if (value == null || value.isNull()) {
                if (fallback == null) {
                    problems.add(field + ": is required");
                    return "";
                }
                return fallback;
            }
            if (!value.isString() || value.stringValue().isBlank()) {
                problems.add(field + ": must be a non-blank string, but was " + value);
                return fallback == null ? "" : fallback;
            }
            return value.stringValue();
        }

        @Nullable
        String optionalText(JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isString()) {
                problems.add(field + ": must be a string, but was " + value);
                return null;
            }
            return value.stringValue();
        }

        String oneOf(String field, String fallback, Set<String> options) {
            String value = text(field, fallback);
            if (!options.contains(value)) {
                problems.add(
                        field + ": must be one of " + options.stream().sorted().toList() + ", but was '" + value + "'");
                return fallback;
            }
            return value;
        }

        int positive(String field, int fallback) {
            JsonNode value = json.get(field);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1) {
                problems.add(field + ": must be a whole number of at least 1, but was " + value);
                return fallback;
            }
            return value.intValue();
        }
    }
}
