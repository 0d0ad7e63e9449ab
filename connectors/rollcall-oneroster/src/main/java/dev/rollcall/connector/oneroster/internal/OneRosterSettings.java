package dev.rollcall.connector.oneroster.internal;

import dev.rollcall.connector.api.config.ConfigField;
import dev.rollcall.connector.api.config.ConfigProblem;
import dev.rollcall.connector.api.config.ConfigSpec;
import dev.rollcall.connector.api.config.ConnectorConfig;
import dev.rollcall.connector.api.config.Secret;
import dev.rollcall.connector.api.http.OAuth1Signature;
import dev.rollcall.connector.api.http.UpstreamAuth;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.oneroster.OneRosterProfile;
import dev.rollcall.connector.oneroster.OneRosterProfile.AuthKind;
import dev.rollcall.connector.oneroster.OneRosterProfile.BooleanStyle;
import dev.rollcall.connector.oneroster.OneRosterProfile.ClientAuth;
import dev.rollcall.connector.oneroster.OneRosterProfile.Paging;
import dev.rollcall.connector.oneroster.OneRosterProfiles;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An integration's effective settings: its profile with every override from the config applied.
 * Made only from a config that passed {@link #SPEC}. Immutable.
 *
 * @param pageSize the largest page Rollcall asks for (the engine may ask for less)
 * @param parallelPages how many pages one read fetches at once when the total is known (1: none)
 * @param pageOverlap how many records of the previous page each page asks for again, to notice records
 *     moving between offsets while a read goes on (-1: a twentieth of the page, 1 to 100; 0: off)
 * @param filters a filter per stream, added to every read of it (AND-ed with the delta predicate)
 * @param fields the fields to select per stream (empty: all)
 */
public record OneRosterSettings(
        OneRosterProfile profile,
        String environment,
        URI baseUrl,
        @Nullable URI tokenUrl,
        UpstreamAuth auth,
        String version,
        String pathPrefix,
        boolean trailingSlash,
        Paging paging,
        String totalField,
        int pageSize,
        BooleanStyle booleans,
        boolean writes,
        boolean classRosterWrites,
        int parallelPages,
        int pageOverlap,
        Set<EntityType> streams,
        Map<EntityType, String> filters,
        Map<EntityType, List<String>> fields,
        Duration connectTimeout,
        Duration readTimeout) {

    public OneRosterSettings {
        // in sync order (orgs first), so that reads, checks and findings come in a stable order
        streams =
                streams.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(streams));
        filters = Map.copyOf(filters);
        fields = Map.copyOf(fields);
    }

    static final String PROFILE = "profile";
    static final String ENVIRONMENT = "environment";
    static final String BASE_URL = "baseUrl";
    static final String TOKEN_URL = "tokenUrl";
    static final String AUTH = "auth";
    static final String CLIENT_AUTH = "clientAuth";
    static final String CLIENT_ID = "clientId";
    static final String CLIENT_SECRET = "clientSecret";
    static final String SCOPE = "scope";
    static final String OAUTH1_METHOD = "oauth1Method";
    static final String PATH_PREFIX = "pathPrefix";
    static final String TRAILING_SLASH = "trailingSlash";
    static final String PAGING = "paging";
    static final String TOTAL_FIELD = "totalField";
    static final String PAGE_SIZE = "pageSize";
    static final String BOOLEANS = "booleans";
    static final String WRITES = "writes";
    static final String PARALLEL_PAGES = "parallelPages";
    static final String PAGE_OVERLAP = "pageOverlap";
    static final String STREAMS = "streams";
    static final String CONNECT_TIMEOUT = "connectTimeout";
    static final String READ_TIMEOUT = "readTimeout";
    static final String FILTER = "filter.";
    static final String FIELDS = "fields.";

    private static final List<String> ALWAYS_SELECTED = List.of("sourcedId", "status", "dateLastModified");

    /** The config spec: the profile, then an optional override for each of its fields. */
    public static final ConfigSpec SPEC = spec();

    private static ConfigSpec spec() {
        ConfigSpec.Builder spec = ConfigSpec.builder()
                .field(ConfigField.oneOf(PROFILE, OneRosterProfiles.NAMES.toArray(String[]::new))
                        .label("Profile")
                        .description("Which kind of server this is; its settings are the defaults below.")
                        .defaultValue(OneRosterProfiles.DEFAULT))
                .field(ConfigField.oneOf(ENVIRONMENT, "production", "staging")
                        .label("Environment")
                        .description("Which of the profile's environments (base and token URLs) to use.")
                        .defaultValue("production"))
                .field(ConfigField.url(BASE_URL)
                        .label("Base URL")
                        .description("The server's scheme and host, e.g. https://api.alpha-1edtech.ai. Required "
                                + "when the profile has none."))
                .field(ConfigField.string(TOKEN_URL)
                        .label("Token URL")
                        .description("The OAuth 2 token endpoint: absolute, or a path on the base URL.")
                        .check(OneRosterSettings::checkTokenUrl))
                .field(ConfigField.oneOf(AUTH, "oauth2", "oauth1", "none").label("Authentication"))
                .field(ConfigField.oneOf(CLIENT_AUTH, "basic", "form")
                        .label("Client authentication")
                        .description("OAuth 2: HTTP Basic, or client_id and client_secret in the form body."))
                .field(ConfigField.string(CLIENT_ID)
                        .label("Client id")
                        .description("The OAuth 2 client id, or the OAuth 1.0a consumer key."))
                .field(ConfigField.secret(CLIENT_SECRET)
                        .label("Client secret")
                        .description("The OAuth 2 client secret, or the OAuth 1.0a consumer secret."))
                .field(ConfigField.string(SCOPE).label("Scopes").description("Space-separated OAuth 2 scopes."))
                .field(ConfigField.oneOf(OAUTH1_METHOD, "HMAC-SHA256", "HMAC-SHA1")
                        .label("OAuth 1.0a signature method"))
                .field(ConfigField.string(PATH_PREFIX)
                        .label("Path prefix")
                        .description("The rostering base path, e.g. /ims/oneroster/rostering/v1p2 or /rostering/1.0.")
                        .check(value -> ((String) value).startsWith("/")
                                ? Optional.empty()
                                : Optional.of("must start with '/', but was '" + value + "'")))
                .field(ConfigField.bool(TRAILING_SLASH).label("Collection paths end with '/'"))
                .field(ConfigField.oneOf(PAGING, "headers", "body").label("Where paging lives"))
                .field(ConfigField.string(TOTAL_FIELD).label("Body field with the total"))
                .field(ConfigField.integer(PAGE_SIZE)
                        .label("Page size")
                        .description("The largest page to ask for; defaults to the profile's maximum.")
                        .range(1, 100_000))
                .field(ConfigField.oneOf(BOOLEANS, "string", "json").label("Boolean style for writes"))
                .field(ConfigField.bool(WRITES).label("Write to the server"))
                .field(ConfigField.integer(PARALLEL_PAGES)
                        .label("Parallel page fetches")
                        .description("Pages fetched at once when the server says its total (1: one at a time).")
                        .range(1, 16)
                        .defaultValue(1L))
                .field(ConfigField.integer(PAGE_OVERLAP)
                        .label("Page overlap")
                        .description("Records of the previous page asked for again at the start of each page, so "
                                + "that records removed or added before the read position while a read goes on "
                                + "are noticed and nothing is skipped (-1: a twentieth of the page; 0: off).")
                        .range(-1, 1_000)
                        .defaultValue(-1L))
                .field(ConfigField.stringList(STREAMS)
                        .label("Streams")
                        .description("The collections to sync; all of them when empty.")
                        .check(OneRosterSettings::checkStreams))
                .field(ConfigField.duration(CONNECT_TIMEOUT)
                        .label("Connect timeout")
                        .defaultValue(Duration.ofSeconds(10))
                        .check(OneRosterSettings::positive))
                .field(ConfigField.duration(READ_TIMEOUT)
                        .label("Read timeout")
                        .description("How long one response may take; a request that hangs longer is retried.")
                        .defaultValue(Duration.ofSeconds(60))
                        .check(OneRosterSettings::positive));
        for (EntityType type : EntityType.values()) {
            spec.field(ConfigField.string(FILTER + type.collection())
                    .label("Filter on " + type.collection())
                    .description("A OneRoster filter added to every read, e.g. status='active'.")
                    .check(OneRosterSettings::checkFilter));
            spec.field(ConfigField.stringList(FIELDS + type.collection())
                    .label("Fields of " + type.collection())
                    .description("Field selection; sourcedId, status and dateLastModified are always kept.")
                    .check(OneRosterSettings::checkFields));
        }
        return spec.rule(OneRosterSettings::crossFieldProblems).build();
    }

    private static Optional<String> positive(Object value) {
        Duration duration = (Duration) value;
        return duration.isZero() || duration.isNegative()
                ? Optional.of("must be longer than zero, but was " + duration)
                : Optional.empty();
    }

    private static Optional<String> checkTokenUrl(Object value) {
        String text = (String) value;
        if (text.startsWith("/")) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL: " + e.getReason() + " in '" + text + "'");
        }
        return Optional.of("must be an absolute http or https URL or a path starting with '/', but was '" + text + "'");
    }

    private static Optional<String> checkStreams(Object value) {
        List<String> unknown = ((List<?>) value)
                .stream()
                        .map(String::valueOf)
                        .filter(name -> EntityType.fromCollection(name).isEmpty())
                        .toList();
        return unknown.isEmpty()
                ? Optional.empty()
                : Optional.of("must name streams among "
                        + Arrays.stream(EntityType.values())
                                .map(EntityType::collection)
                                .toList() + ", but has " + unknown);
    }

    private static Optional<String> checkFilter(Object value) {
        String filter = ((String) value).strip();
        boolean and = filter.contains(" AND ");
        boolean or = filter.contains(" OR ");
        if (and && or) {
            return Optional.of("must not mix AND and OR (OneRoster leaves that undefined), but was '" + filter + "'");
        }
        if (or) {
            return Optional.of("must not use OR: the delta predicate is AND-ed to it, but was '" + filter + "'");
        }
        return Optional.empty();
    }

    private static Optional<String> checkFields(Object value) {
        List<?> names = (List<?>) value;
        List<String> bad = names.stream()
                .map(String::valueOf)
                .filter(name -> !name.matches("[A-Za-z][A-Za-z0-9_.:]*"))
                .toList();
        return bad.isEmpty() ? Optional.empty() : Optional.of("must hold field names, but has " + bad);
    }

    /** The problems that depend on the profile: what it does not supply must be configured. */
    private static List<ConfigProblem> crossFieldProblems(ConnectorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (!config.has(PROFILE) || !config.has(ENVIRONMENT)) {
            return problems; // the field problems already say why
        }
        OneRosterProfile profile = OneRosterProfiles.get(config.string(PROFILE));
        String environment = config.string(ENVIRONMENT);
        Optional<OneRosterProfile.Endpoints> endpoints = profile.environment(environment);
        boolean hasBase = config.has(BASE_URL)
                || endpoints.map(OneRosterProfile.Endpoints::baseUrl).isPresent();
        if (!hasBase) {
            problems.add(new ConfigProblem(
                    BASE_URL,
                    "is required: profile '" + profile.name() + "' has no base URL for environment '" + environment
                            + "'"));
        }
        AuthKind auth = authKind(config, profile);
        if (auth != AuthKind.NONE) {
            String what = auth == AuthKind.OAUTH1 ? "OAuth 1.0a" : "OAuth 2";
            if (!config.has(CLIENT_ID)) {
                problems.add(new ConfigProblem(CLIENT_ID, "is required for " + what));
            }
            if (!config.has(CLIENT_SECRET)) {
                problems.add(new ConfigProblem(CLIENT_SECRET, "is required for " + what));
            }
        }
        if (auth == AuthKind.OAUTH2) {
            boolean hasToken = config.has(TOKEN_URL)
                    || endpoints.map(OneRosterProfile.Endpoints::tokenUrl).isPresent();
            if (!hasToken) {
                problems.add(new ConfigProblem(
                        TOKEN_URL,
                        "is required for OAuth 2: profile '" + profile.name() + "' has no token URL for environment '"
                                + environment + "'"));
            }
        }
        if (config.optional(WRITES, Boolean.class).orElse(false) && !profile.writes()) {
            problems.add(new ConfigProblem(
                    WRITES, "cannot be true: profile '" + profile.name() + "' describes a read-only server"));
        }
        return problems;
    }

    private static AuthKind authKind(ConnectorConfig config, OneRosterProfile profile) {
        return config.optionalString(AUTH)
                .map(value -> AuthKind.valueOf(value.toUpperCase(Locale.ROOT)))
                .orElse(profile.auth());
    }

    /** The effective settings of a config that passed {@link #SPEC}. */
    public static OneRosterSettings resolve(ConnectorConfig config) {
        OneRosterProfile profile = OneRosterProfiles.get(config.string(PROFILE));
        String environment = config.string(ENVIRONMENT);
        Optional<OneRosterProfile.Endpoints> endpoints = profile.environment(environment);
        URI baseUrl = config.optional(BASE_URL, URI.class)
                .or(() -> endpoints.map(OneRosterProfile.Endpoints::baseUrl).map(URI::create))
                .orElseThrow(() -> new IllegalArgumentException("baseUrl: is required"));
        URI tokenUrl = config.optionalString(TOKEN_URL)
                .or(() -> endpoints.map(OneRosterProfile.Endpoints::tokenUrl))
                .map(text -> text.startsWith("/") ? baseUrl.resolve(text) : URI.create(text))
                .orElse(null);
        AuthKind kind = authKind(config, profile);
        ClientAuth clientAuth = config.optionalString(CLIENT_AUTH)
                .map(value -> ClientAuth.valueOf(value.toUpperCase(Locale.ROOT)))
                .orElse(profile.clientAuth());
        String scope = config.optionalString(SCOPE).orElse(profile.scope());
        UpstreamAuth auth =
                switch (kind) {
                    case NONE -> new UpstreamAuth.None();
                    case OAUTH1 ->
                        new UpstreamAuth.OAuth1(
                                config.string(CLIENT_ID),
                                config.secret(CLIENT_SECRET),
                                OAuth1Signature.Method.fromWireName(
                                        config.optionalString(OAUTH1_METHOD).orElse(profile.oauth1Method())));
                    case OAUTH2 -> {
                        if (tokenUrl == null) {
                            throw new IllegalArgumentException("tokenUrl: is required for OAuth 2");
                        }
                        yield new UpstreamAuth.OAuth2ClientCredentials(
                                tokenUrl,
                                config.string(CLIENT_ID),
                                config.secret(CLIENT_SECRET),
                                scope == null || scope.isBlank() ? null : scope,
                                clientAuth == ClientAuth.BASIC
                                        ? UpstreamAuth.ClientAuthMethod.BASIC
                                        : UpstreamAuth.ClientAuthMethod.FORM);
                    }
                };
        Set<EntityType> streams = new LinkedHashSet<>();
        config.stringList(STREAMS)
                .forEach(name -> EntityType.fromCollection(name).ifPresent(streams::add));
        if (streams.isEmpty()) {
            streams.addAll(Arrays.asList(EntityType.values()));
        }
        Map<EntityType, String> filters = new EnumMap<>(EntityType.class);
        Map<EntityType, List<String>> fields = new EnumMap<>(EntityType.class);
        for (EntityType type : EntityType.values()) {
            config.optionalString(FILTER + type.collection()).ifPresent(filter -> filters.put(type, filter));
            List<String> selected = config.stringList(FIELDS + type.collection());
            if (!selected.isEmpty()) {
                LinkedHashSet<String> withKeys = new LinkedHashSet<>(ALWAYS_SELECTED);
                withKeys.addAll(selected);
                fields.put(type, List.copyOf(withKeys));
            }
        }
        return new OneRosterSettings(
                profile,
                environment,
                baseUrl,
                tokenUrl,
                auth,
                profile.version(),
                config.optionalString(PATH_PREFIX).orElse(profile.pathPrefix()),
                config.optional(TRAILING_SLASH, Boolean.class).orElse(profile.trailingSlash()),
                config.optionalString(PAGING)
                        .map(value -> Paging.valueOf(value.toUpperCase(Locale.ROOT)))
                        .orElse(profile.paging()),
                config.optionalString(TOTAL_FIELD).orElse(profile.totalField()),
                (int) config.optional(PAGE_SIZE, Long.class)
                        .orElse((long) profile.maxPageSize())
                        .longValue(),
                config.optionalString(BOOLEANS)
                        .map(value -> BooleanStyle.valueOf(value.toUpperCase(Locale.ROOT)))
                        .orElse(profile.booleans()),
                config.optional(WRITES, Boolean.class).orElse(profile.writes()),
                profile.classRosterWrites(),
                (int) config.integer(PARALLEL_PAGES),
                (int) config.integer(PAGE_OVERLAP),
                streams,
                filters,
                fields,
                config.duration(CONNECT_TIMEOUT),
                config.duration(READ_TIMEOUT));
    }

    /** The overlap for pages of {@code limit} records: at most half the page, so every page advances. */
    public int overlapFor(int limit) {
        int wanted = pageOverlap < 0 ? Math.max(1, Math.min(100, limit / 20)) : pageOverlap;
        return Math.min(wanted, limit / 2);
    }

    /** The client's secret stays masked in {@link #toString()} through {@link Secret}. */
    @Override
    public String toString() {
        return "OneRosterSettings[profile=" + profile.name() + ", baseUrl=" + baseUrl + ", pathPrefix=" + pathPrefix
                + ", auth=" + auth.getClass().getSimpleName() + "]";
    }
}
