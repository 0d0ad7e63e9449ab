package dev.rollcall.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.simulator.SimulatedRoster;
import dev.rollcall.simulator.query.FieldSelection;
import dev.rollcall.simulator.query.Filter;
import dev.rollcall.simulator.query.FilterParser;
import dev.rollcall.simulator.query.QueryException;
import dev.rollcall.simulator.query.Sorting;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.RecordComponent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the OneRoster 1.2 rostering read binding in the configured dialect: the 41 GET
 * operations, {@code limit}/{@code offset}, {@code sort}/{@code orderBy}, {@code fields}, the filter
 * grammar, paging in headers ({@code standard}) or in the body ({@code timeback}), imsx errors, and
 * the injected faults.
 */
final class RosteringHandler implements HttpHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Set<String>> FIELDS = allowedFields();

    /** Pages up to this size (about 20,000 enrollments) are held and sent in one write; bigger ones are chunked. */
    static final int HELD_RESPONSE_MAX = 8 << 20;

    private final SimulatedRoster roster;
    private final RequestAuthenticator authenticator;
    private final RosterWrites writes;
    private final Dialect dialect;
    private final AtomicReference<Faults> faults;
    private final PageWriter pages;
    private final AtomicLong requests = new AtomicLong();

    RosteringHandler(
            SimulatedRoster roster,
            RequestAuthenticator authenticator,
            RosterWrites writes,
            Dialect dialect,
            AtomicReference<Faults> faults) {
        this.roster = roster;
        this.authenticator = authenticator;
        this.writes = writes;
        this.dialect = dialect;
        this.faults = faults;
        this.pages = new PageWriter(dialect);
    }

    long requestsServed() {
        return requests.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            serve(exchange);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            boolean write = !method.equals("GET");
            if (write && !dialect.writable()) {
                error(exchange, 405, "invaliddata", "the rostering binding is read-only: use GET");
                return;
            }
            RequestAuthenticator.Result authentication = authenticator.authenticate(exchange);
            Optional<TokenService.Token> token = authentication.token();
            if (token.isEmpty()) {
                error(exchange, 401, "unauthorisedrequest", authentication.refusal());
                return;
            }
            String path = exchange.getRequestURI()
                    .getPath()
                    .substring(dialect.basePath().length());
            List<String> segments = Arrays.stream(path.split("/"))
                    .filter(segment -> !segment.isEmpty())
                    .toList();
            Optional<Routes.Route> route = Routes.resolve(segments);
            if (route.isEmpty()) {
                error(exchange, 404, "unknownobject", "no rostering endpoint at " + path);
                return;
            }
            if (write ? !RosterWrites.permits(token.get(), method) : !allowed(token.get(), route.get())) {
                error(exchange, 403, "forbidden", "the token's scopes do not cover " + path);
                return;
            }
            Faults current = faults.get();
            if (current.latencyMillis() > 0) {
                Thread.sleep(current.latencyMillis());
            }
            Faults.Outcome outcome = current.decide(requests);
            switch (outcome) {
                case THROTTLE -> {
                    if (current.retryAfterSeconds() >= 0) {
                        exchange.getResponseHeaders().set("Retry-After", Integer.toString(current.retryAfterSeconds()));
                    }
                    error(exchange, 429, "server_busy", "too many requests");
                    return;
                }
                case ERROR -> {
                    error(exchange, current.errorStatus(), "internal_server_error", "injected upstream failure");
                    return;
                }
                case HANG -> {
                    Thread.sleep(Long.MAX_VALUE); // until the client gives up and the server stops
                    return;
                }
                default -> {}
            }
            if (write) {
                RosterWrites.Reply reply =
                        writes.apply(method, segments, exchange.getRequestBody().readAllBytes());
                if (reply.failed()) {
                    error(exchange, reply.status(), String.valueOf(reply.codeMinor()), reply.description());
                } else {
                    JsonNode replyBody = reply.body();
                    send(
                            exchange,
                            reply.status(),
                            "application/json",
                            replyBody == null ? new byte[0] : JSON.writeValueAsBytes(replyBody));
                }
                return;
            }
            PageWriter.Body body = answer(exchange, route.get(), current);
            if (outcome == Faults.Outcome.MALFORMED) {
                send(
                        exchange,
                        200,
                        "application/json",
                        "{\"users\": [ {\"sourcedId\": \"oops\", ".getBytes(StandardCharsets.UTF_8));
            } else if (outcome == Faults.Outcome.TRUNCATED) {
                byte[] whole = body.toBytes();
                send(exchange, 200, "application/json", Arrays.copyOf(whole, Math.max(1, whole.length / 2)));
            } else if (route.get().kind() == Routes.Kind.SINGLE) {
                send(exchange, 200, "application/json", body.toBytes());
            } else {
                stream(exchange, 200, "application/json", body);
            }
        } catch (QueryException e) {
            error(exchange, 400, e.codeMinor(), e.getMessage());
        } catch (NotFound e) {
            error(exchange, 404, "unknownobject", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            error(exchange, 500, "internal_server_error", "simulator failure: " + e);
        }
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    private PageWriter.Body answer(HttpExchange exchange, Routes.Route route, Faults current) {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Set<String> allowed = FIELDS.get(route.collection());
        List<String> fields = FieldSelection.parse(
                query.get("fields"), dialect.oneRoster11() ? fieldsIn11(route.collection()) : allowed);
        if (route.kind() == Routes.Kind.SINGLE) {
            ObjectNode record = roster.get(route.collection(), route.id())
                    .filter(route.scope())
                    .orElseThrow(() ->
                            new NotFound(Routes.singular(route.collection()) + " " + route.id() + " does not exist"));
            return pages.single(route.wrapper(), record, fields);
        }
        int limit = intParam(query, "limit", 100);
        int offset = intParam(query, "offset", 0);
        if (limit < 1) {
            throw new QueryException(QueryException.Kind.INVALID_DATA, "limit must be 1 or more, but was " + limit);
        }
        if (offset < 0) {
            throw new QueryException(QueryException.Kind.INVALID_DATA, "offset must be 0 or more, but was " + offset);
        }
        int max = current.pageMax() > 0 ? Math.min(current.pageMax(), dialect.maxLimit()) : dialect.maxLimit();
        limit = Math.min(limit, max);
        Filter filter = query.containsKey("filter")
                ? FilterParser.parse(query.get("filter"), allowed, dialect.inListFilter(), dialect.maxPredicates())
                : null;
        Comparator<JsonNode> sort =
                query.containsKey("sort") ? Sorting.comparator(query.get("sort"), query.get("orderBy"), allowed) : null;
        Predicate<JsonNode> scope = scope(route);
        String search = dialect.timebackStyle() ? query.get("search") : null;
        if (search != null) {
            scope = scope.and(matchesSearch(route.collection(), search));
        }
        Predicate<JsonNode> matches = filter == null ? scope : scope.and(filter);
        boolean positional = roster.positional(route.collection());
        if (positional && Sorting.isSourcedIdAscending(query.get("sort"), query.get("orderBy"))) {
            sort = null; // records are stored in sourcedId order: nothing to sort
        }

        List<ObjectNode> page = new ArrayList<>();
        PageWriter.PageRecords records = PageWriter.PageRecords.of(page);
        long total;
        boolean unscoped = filter == null && sort == null && scope == Routes.ALL;
        if (unscoped && positional) {
            total = roster.size(route.collection());
            int end = (int) Math.min(total, (long) offset + limit);
            // Generated as they are written, so a big page is never held in memory.
            records = PageWriter.PageRecords.positions(roster, route.collection(), offset, end);
            if (current.shiftEveryPage()) {
                records.forEach(page::add); // taken before the shift below, as a real server would
                records = PageWriter.PageRecords.of(page);
            }
        } else {
            List<ObjectNode> source = deltaSource(route.collection(), filter);
            if (sort != null) {
                List<ObjectNode> all = new ArrayList<>();
                iterate(route.collection(), source, record -> {
                    if (matches.test(record)) {
                        all.add(record);
                    }
                });
                all.sort(sort);
                total = all.size();
                page.addAll(all.subList((int) Math.min(offset, total), (int) Math.min(total, (long) offset + limit)));
            } else {
                long[] count = {0};
                int start = offset;
                int end = offset + limit;
                iterate(route.collection(), source, record -> {
                    if (matches.test(record)) {
                        if (count[0] >= start && count[0] < end) {
                            page.add(record);
                        }
                        count[0]++;
                    }
                });
                total = count[0];
            }
        }
        if (current.shiftEveryPage()) {
            roster.remove(route.collection(), 1); // the next page's offsets move by one
        }
        return writePage(exchange, route.wrapper(), records, fields, total, limit, offset, query);
    }

    /** When the filter only wants records modified after start, only the change overlay can hold them. */
    private List<ObjectNode> deltaSource(String collection, Filter filter) {
        if (filter == null) {
            return null;
        }
        return filter.lowerBoundOnDateLastModified()
                .filter(bound -> bound.instant().isAfter(roster.generator().baseTime()))
                .map(bound -> roster.changedRecords(collection))
                .orElse(null);
    }

    private void iterate(String collection, List<ObjectNode> source, java.util.function.Consumer<ObjectNode> action) {
        if (source != null) {
            source.forEach(action);
        } else {
            roster.forEach(collection, action);
        }
    }

    private Predicate<JsonNode> scope(Routes.Route route) {
        if (route.kind() == Routes.Kind.CLASS_USERS) {
            Set<String> users = new HashSet<>();
            roster.forEach("enrollments", enrollment -> {
                if (route.id().equals(enrollment.path("class").path("sourcedId").asString())
                        && route.role().equals(enrollment.path("role").asString())
                        && (route.schoolId() == null
                                || route.schoolId()
                                        .equals(enrollment
                                                .path("school")
                                                .path("sourcedId")
                                                .asString()))) {
                    users.add(enrollment.path("user").path("sourcedId").asString());
                }
            });
            return record -> users.contains(record.path("sourcedId").asString());
        }
        if (route.kind() == Routes.Kind.USER_CLASSES) {
            Set<String> classes = new HashSet<>();
            roster.forEach("enrollments", enrollment -> {
                if (route.id().equals(enrollment.path("user").path("sourcedId").asString())) {
                    classes.add(enrollment.path("class").path("sourcedId").asString());
                }
            });
            return record -> classes.contains(record.path("sourcedId").asString());
        }
        return route.scope();
    }

    private static Predicate<JsonNode> matchesSearch(String collection, String search) {
        String needle = search.toLowerCase(java.util.Locale.ROOT);
        List<String> fields =
                switch (collection) {
                    case "users" -> List.of("givenName", "familyName", "email");
                    case "courses" -> List.of("title", "courseCode");
                    case "classes" -> List.of("title");
                    case "orgs" -> List.of("name");
                    default -> List.of("sourcedId");
                };
        return record -> fields.stream().anyMatch(field -> record.path(field)
                .asString("")
                .toLowerCase(java.util.Locale.ROOT)
                .contains(needle));
    }

    private PageWriter.Body writePage(
            HttpExchange exchange,
            String wrapper,
            PageWriter.PageRecords records,
            List<String> fields,
            long total,
            int limit,
            int offset,
            Map<String, String> query) {
        if (!dialect.timebackStyle()) {
            exchange.getResponseHeaders().set("X-Total-Count", Long.toString(total));
            exchange.getResponseHeaders().set("Link", links(exchange, total, limit, offset, query));
        }
        return pages.page(wrapper, records, fields, total, limit, offset);
    }

    private String links(HttpExchange exchange, long total, int limit, int offset, Map<String, String> query) {
        String base = exchange.getRequestURI().getPath();
        List<String> links = new ArrayList<>();
        long last = total == 0 ? 0 : ((total - 1) / limit) * limit;
        if (offset + limit < total) {
            links.add(link(base, query, limit, offset + limit, "next"));
        }
        if (offset > 0) {
            links.add(link(base, query, limit, Math.max(0, offset - limit), "prev"));
        }
        links.add(link(base, query, limit, 0, "first"));
        links.add(link(base, query, limit, last, "last"));
        return String.join(", ", links);
    }

    private static String link(String base, Map<String, String> query, int limit, long offset, String rel) {
        Map<String, String> params = new LinkedHashMap<>(query);
        params.put("limit", Integer.toString(limit));
        params.put("offset", Long.toString(offset));
        String encoded = params.entrySet().stream()
                .map(entry ->
                        entry.getKey() + "=" + java.net.URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return "<" + base + "?" + encoded + ">; rel=\"" + rel + "\"";
    }

    private boolean allowed(TokenService.Token token, Routes.Route route) {
        if (token.scopes().isEmpty() || token.scopes().contains("roster.readonly")) {
            return true;
        }
        String needed =
                route.collection().equals("demographics") ? "roster-demographics.readonly" : "roster-core.readonly";
        return token.scopes().contains(needed);
    }

    private void error(HttpExchange exchange, int status, String codeMinor, String description) throws IOException {
        ObjectNode info = JSON.createObjectNode();
        info.put("imsx_codeMajor", "failure");
        info.put("imsx_severity", "error");
        info.put("imsx_description", description);
        ObjectNode field =
                info.putObject("imsx_CodeMinor").putArray("imsx_codeMinorField").addObject();
        field.put("imsx_codeMinorFieldName", "TargetEndSystem");
        field.put("imsx_codeMinorFieldValue", codeMinor);
        JsonNode body = info;
        if (!dialect.timebackStyle()) {
            ObjectNode wrapped = JSON.createObjectNode();
            wrapped.set("imsx_StatusInfo", info);
            body = wrapped;
        }
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    /**
     * Streams a body of unknown length: with its Content-Length in one write when it fits {@link
     * #HELD_RESPONSE_MAX}, else chunked as it is produced.
     */
    private static void stream(HttpExchange exchange, int status, String contentType, PageWriter.Body body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        try (OutputStream out = new ResponseBody(exchange, status, HELD_RESPONSE_MAX)) {
            body.writeTo(out);
        }
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static Optional<String> bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }

    static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static int intParam(Map<String, String> query, String name, int fallback) {
        String value = query.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new QueryException(
                    QueryException.Kind.INVALID_DATA, name + " must be a whole number, but was '" + value + "'");
        }
    }

    private static Set<String> fieldsIn11(String collection) {
        Set<String> fields = new HashSet<>(FIELDS.get(collection));
        fields.addAll(OneRoster11Shapes.extraFields(collection));
        return fields;
    }

    /** The fields each collection's records may have, from the canonical model, plus {@code role} for users. */
    private static Map<String, Set<String>> allowedFields() {
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        for (EntityType type : EntityType.values()) {
            Set<String> names = new HashSet<>();
            for (RecordComponent component : type.recordType().getRecordComponents()) {
                var rename = component.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                names.add(rename != null ? rename.value() : component.getName());
            }
            if (type == EntityType.USER) {
                names.add("role");
            }
            fields.put(type.collection(), Set.copyOf(names));
        }
        return fields;
    }
}
