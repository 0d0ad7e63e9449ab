package dev.rollcall.connector.oneroster.internal;

import dev.rollcall.connector.api.CheckResult;
import dev.rollcall.connector.api.CheckResult.Finding;
import dev.rollcall.connector.api.CheckResult.Status;
import dev.rollcall.connector.api.error.AuthenticationException;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.http.UpstreamAuth;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.connector.api.http.UpstreamResponse;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.oneroster.OneRosterProfile.Paging;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The connection doctor behind {@code check()}: it tries what a sync will do and reports what it
 * found, each failure with what to do about it.
 *
 * <ol>
 *   <li>the token: a refused secret, an unreachable or wrong token URL, TLS;
 *   <li>each stream's collection with {@code limit=1}: reachable (a 404 means a wrong path prefix,
 *       and the other known prefixes are tried to say which one the server has), allowed (a 403
 *       names the missing scope), and its count;
 *   <li>what the server is: where paging lives, its real page maximum (by asking for more than the
 *       profile's maximum), the boolean style, the version (one {@code role} or {@code roles[]}),
 *       whether it takes a {@code dateLastModified} filter;
 *   <li>clock skew between the server's {@code Date} and the context clock.
 * </ol>
 *
 * Expected failures are findings; it never throws. One instance per check.
 */
final class ConnectionDoctor {

    static final List<String> KNOWN_PREFIXES =
            List.of("/ims/oneroster/rostering/v1p2", "/rostering/1.0", "/ims/oneroster/v1p1");
    private static final Duration SKEW_WARNING = Duration.ofSeconds(60);
    private static final Duration SKEW_FAILURE = Duration.ofMinutes(5);

    private final OneRosterSettings settings;
    private final Clock clock;
    private final RosterUrls urls;
    private final Supplier<UpstreamClient> client;
    private final OneRosterErrorClassifier classifier;
    private final CollectionReader reader;
    private final List<Finding> findings = new ArrayList<>();

    ConnectionDoctor(
            OneRosterSettings settings,
            Clock clock,
            RosterUrls urls,
            Supplier<UpstreamClient> client,
            OneRosterErrorClassifier classifier) {
        this.settings = settings;
        this.clock = clock;
        this.urls = urls;
        this.client = client;
        this.classifier = classifier;
        this.reader = new CollectionReader(settings, urls, client, classifier);
    }

    CheckResult examine() {
        add(
                "settings",
                Status.OK,
                "profile " + settings.profile().name() + " (OneRoster " + settings.version()
                        + ", " + settings.environment() + "), base URL " + settings.baseUrl() + ", path prefix "
                        + settings.pathPrefix());
        if (!token()) {
            return CheckResult.of(findings);
        }
        Map<EntityType, Probe> probes = new LinkedHashMap<>();
        boolean prefixExplained = false;
        for (EntityType type : settings.streams()) {
            Probe probe = probe(type);
            probes.put(type, probe);
            if (probe.response != null && probe.response.status() == 404 && !prefixExplained) {
                prefixExplained = true;
                add(type.collection(), Status.FAILED, wrongPrefix(type, probe.response));
            } else {
                report(type, probe);
            }
        }
        Optional<Probe> answered =
                probes.values().stream().filter(probe -> probe.body != null).findFirst();
        answered.ifPresent(probe -> skew(probe.response));
        if (answered.isPresent()) {
            paging(answered.get());
            Probe users = probes.get(EntityType.USER);
            if (users != null && users.body != null) {
                userShape(users.body);
                filterSupport();
            }
            pageMaximum(probes);
        }
        return CheckResult.of(findings);
    }

    /** Obtains a token; false when nothing else can work. */
    private boolean token() {
        if (settings.auth() instanceof UpstreamAuth.None) {
            add("token", Status.OK, "no authentication configured");
            return true;
        }
        if (settings.auth() instanceof UpstreamAuth.OAuth1 oauth1) {
            add(
                    "token",
                    Status.OK,
                    "requests are signed with OAuth 1.0a (" + oauth1.method().wireName()
                            + "); a wrong consumer key or secret shows as 401 below");
            return true;
        }
        try {
            client.get().authenticate();
            add("token", Status.OK, "a token was issued by " + settings.tokenUrl());
            return true;
        } catch (AuthenticationException e) {
            add(
                    "token",
                    Status.FAILED,
                    "the token endpoint " + settings.tokenUrl()
                            + " refused the credentials: check clientId and clientSecret (" + e.getMessage() + ")");
        } catch (ConnectorException e) {
            add(
                    "token",
                    Status.FAILED,
                    explain("the token endpoint " + settings.tokenUrl(), e) + "; check tokenUrl (this profile's is "
                            + settings.tokenUrl() + ")");
        } catch (RuntimeException e) {
            add("token", Status.FAILED, "the token could not be obtained from " + settings.tokenUrl() + ": " + e);
        }
        return false;
    }

    private record Probe(
            @Nullable UpstreamResponse response,
            @Nullable JsonNode body,
            @Nullable ConnectorException failure) {}

    private Probe probe(EntityType type) {
        return probe(urls, type, Map.of("limit", "1", "offset", "0"));
    }

    private Probe probe(RosterUrls at, EntityType type, Map<String, String> query) {
        try {
            UpstreamResponse response = client.get()
                    .send(UpstreamRequest.get(at.collection(type, query), type.collection())
                            .withPriority(UpstreamRequest.Priority.WEBHOOK));
            if (!response.isSuccess()) {
                return new Probe(response, null, null);
            }
            try {
                return new Probe(response, RosterJson.mapper().readTree(response.body()), null);
            } catch (JacksonException e) {
                return new Probe(
                        response,
                        null,
                        classifier.classify(UpstreamFailure.malformed(
                                UpstreamFailure.Purpose.READ, type.collection(), response, "does not parse")));
            }
        } catch (ConnectorException e) {
            return new Probe(null, null, e);
        } catch (RuntimeException e) {
            return new Probe(null, null, classifier.classify(e));
        }
    }

    private void report(EntityType type, Probe probe) {
        String name = type.collection();
        if (probe.failure != null) {
            add(name, Status.FAILED, explain("GET " + name, probe.failure));
            return;
        }
        UpstreamResponse response = probe.response;
        int status = response.status();
        String said = OneRosterErrorClassifier.serverSaid(response);
        if (status == 401) {
            add(
                    name,
                    Status.FAILED,
                    "401" + said + ": the server refused the credentials; check clientId and " + "clientSecret"
                            + (settings.auth() instanceof UpstreamAuth.OAuth1 ? " and the clock" : ""));
        } else if (status == 403) {
            String scope = type == EntityType.DEMOGRAPHICS ? "roster-demographics.readonly" : "roster-core.readonly";
            add(
                    name,
                    Status.FAILED,
                    "403" + said + ": the credentials lack the scope to read " + name
                            + "; ask for https://purl.imsglobal.org/spec/or/v1p2/scope/" + scope
                            + " (or roster.readonly) and set 'scope'");
        } else if (status == 404) {
            add(
                    name,
                    Status.FAILED,
                    "404" + said + " at " + urls.collection(type, Map.of()).getRawPath() + ": check pathPrefix");
        } else if (probe.body == null) {
            add(name, Status.FAILED, "answered " + status + said);
        } else {
            JsonNode body = probe.body;
            if (!body.path(name).isArray()) {
                add(
                        name,
                        Status.FAILED,
                        "answered 200 without a '" + name + "' array: not a OneRoster collection; "
                                + "check baseUrl and pathPrefix");
                return;
            }
            Long total = reader.total(response, body);
            add(
                    name,
                    Status.OK,
                    total == null ? "reachable; the server does not say how many records" : total + " records");
        }
    }

    private String wrongPrefix(EntityType type, UpstreamResponse response) {
        String message = "404 at " + urls.collection(type, Map.of()).getRawPath()
                + ": there is no OneRoster collection under path prefix " + settings.pathPrefix();
        for (String prefix : KNOWN_PREFIXES) {
            if (prefix.equals(settings.pathPrefix())) {
                continue;
            }
            RosterUrls alternative = new RosterUrls(settings.baseUrl(), prefix, settings.trailingSlash());
            Probe probe = probe(alternative, type, Map.of("limit", "1", "offset", "0"));
            if (probe.body != null && probe.body.path(type.collection()).isArray()) {
                return message + "; the server answers under " + prefix + ": set pathPrefix to " + prefix;
            }
        }
        return message + "; none of " + KNOWN_PREFIXES + " answered either: check baseUrl and pathPrefix";
    }

    private void skew(UpstreamResponse response) {
        Optional<String> date = response.header("Date");
        if (date.isEmpty()) {
            add("clock", Status.OK, "the server sends no Date header; clock skew not measured");
            return;
        }
        try {
            ZonedDateTime server = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration skew =
                    Duration.between(server.toInstant(), clock.instant()).abs();
            String message = "this clock is " + skew.toSeconds() + " s "
                    + (clock.instant().isAfter(server.toInstant()) ? "ahead of" : "behind") + " the server's";
            if (skew.compareTo(SKEW_FAILURE) > 0) {
                add(
                        "clock",
                        settings.auth() instanceof UpstreamAuth.OAuth1 ? Status.FAILED : Status.WARNING,
                        message + ": fix the time (NTP); signatures and token expiry depend on it");
            } else if (skew.compareTo(SKEW_WARNING) > 0) {
                add("clock", Status.WARNING, message + ": tokens may be refreshed late; fix the time (NTP)");
            } else {
                add("clock", Status.OK, message);
            }
        } catch (DateTimeParseException e) {
            add("clock", Status.WARNING, "the server's Date header does not parse: '" + date.get() + "'");
        }
    }

    private void paging(Probe probe) {
        boolean headers = probe.response.header("X-Total-Count").isPresent()
                || probe.response.header("Link").isPresent();
        String bodyField = null;
        for (String field : List.of(settings.totalField(), "totalCount", "total")) {
            if (probe.body.path(field).isIntegralNumber()) {
                bodyField = field;
                break;
            }
        }
        Paging found = headers ? Paging.HEADERS : bodyField != null ? Paging.BODY : null;
        if (found == null) {
            add(
                    "paging",
                    Status.WARNING,
                    "the server says no total (no X-Total-Count, Link or body total): reads "
                            + "go on until an empty page, one request more per stream");
            return;
        }
        String where = found == Paging.HEADERS ? "in X-Total-Count/Link headers" : "in the body ('" + bodyField + "')";
        if (found != settings.paging()) {
            add(
                    "paging",
                    Status.WARNING,
                    "paging is " + where + ", not where the profile says ("
                            + settings.paging().name().toLowerCase(Locale.ROOT) + "); reads adapt, but set paging="
                            + found.name().toLowerCase(Locale.ROOT));
        } else {
            add("paging", Status.OK, "paging is " + where);
        }
    }

    private void userShape(JsonNode body) {
        JsonNode first = body.path("users").path(0);
        if (first.isMissingNode()) {
            add("dialect", Status.OK, "no users to look at; boolean style and version not detected");
            return;
        }
        JsonNode enabled = first.get("enabledUser");
        String booleans = enabled == null ? "unknown" : enabled.isBoolean() ? "json" : "string";
        String version = first.has("roles") ? "1.2" : first.has("role") ? "1.1" : "unknown";
        Status status = version.equals(settings.version()) || version.equals("unknown") ? Status.OK : Status.WARNING;
        add(
                "dialect",
                status,
                "users look like OneRoster " + version + " with " + booleans + " booleans"
                        + (status == Status.WARNING
                                ? "; the profile says " + settings.version() + ": choose a matching profile"
                                : ""));
    }

    private void filterSupport() {
        Probe probe = probe(
                urls,
                EntityType.USER,
                Map.of("limit", "1", "offset", "0", "filter", "dateLastModified>='1970-01-01T00:00:00Z'"));
        if (probe.body != null) {
            add("filter", Status.OK, "the server takes dateLastModified filters: delta reads work");
        } else {
            String why = probe.response != null
                    ? probe.response.status() + OneRosterErrorClassifier.serverSaid(probe.response)
                    : String.valueOf(probe.failure.getMessage());
            add(
                    "filter",
                    Status.WARNING,
                    "the server refused a dateLastModified filter (" + why
                            + "): delta reads will fail; run full reads only");
        }
    }

    /** Asks the biggest collection for one more record than the profile's maximum. */
    private void pageMaximum(Map<EntityType, Probe> probes) {
        int profileMax = settings.profile().maxPageSize();
        EntityType biggest = null;
        long biggestTotal = -1;
        for (Map.Entry<EntityType, Probe> entry : probes.entrySet()) {
            Probe probe = entry.getValue();
            Long total = probe.body == null ? null : reader.total(probe.response, probe.body);
            if (total != null && total > biggestTotal) {
                biggest = entry.getKey();
                biggestTotal = total;
            }
        }
        if (biggest == null || biggestTotal <= profileMax) {
            add(
                    "pageMaximum",
                    Status.OK,
                    "not measured: no collection holds more than the profile's maximum of " + profileMax);
            return;
        }
        int asked = profileMax + 1;
        Probe probe = probe(urls, biggest, Map.of("limit", Integer.toString(asked), "offset", "0"));
        if (probe.body == null) {
            add(
                    "pageMaximum",
                    Status.WARNING,
                    "asking " + biggest.collection() + " for " + asked
                            + " records failed ("
                            + (probe.response != null ? probe.response.status() : probe.failure.getMessage())
                            + "); keep pageSize at most " + profileMax);
            return;
        }
        int handed = probe.body.path(biggest.collection()).size();
        if (handed < profileMax) {
            add(
                    "pageMaximum",
                    Status.WARNING,
                    "the server hands out at most " + handed + " records per page, below the " + "profile's "
                            + profileMax + "; reads adapt, but set pageSize=" + handed);
        } else if (handed > profileMax) {
            add(
                    "pageMaximum",
                    Status.OK,
                    "the server handed out " + handed + " records when asked for " + asked
                            + ": its maximum is above the profile's " + profileMax);
        } else {
            add("pageMaximum", Status.OK, "the server's page maximum is " + handed + ", as the profile says");
        }
    }

    private static String explain(String what, ConnectorException e) {
        Throwable cause = e;
        while (cause != null) {
            String text = String.valueOf(cause.getMessage()) + cause.getClass().getName();
            if (text.contains("SSL") || text.contains("TLS") || text.contains("certificate")) {
                return what + ": the TLS handshake failed (" + e.getMessage() + "); check the URL's scheme and "
                        + "host, and that the server's certificate is trusted by this JVM";
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return what + " failed: " + e.getMessage();
    }

    private void add(String name, Status status, String message) {
        findings.add(new Finding(name, status, message));
    }
}
