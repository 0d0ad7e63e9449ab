package dev.rollcall.server.oneroster;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /ims/oneroster/rostering/v1p2/…}: the 41 read operations of the OneRoster 1.2 rostering
 * binding over the tenant's canonical roster (the tenant of the OAuth client). Records are served as
 * stored, with Rollcall's id as {@code sourcedId} and Rollcall's {@code status} and {@code
 * dateLastModified} (so {@code dateLastModified>…} delta reads are exact); {@code tobedeleted}
 * records are served, as the binding's delta reads need. Collections carry {@code X-Total-Count} and
 * a {@code Link} header ({@code next}, {@code prev}, {@code first}, {@code last}).
 *
 * <p>The whole query runs in PostgreSQL (filters, sorting and paging are SQL; a page is read with a
 * cursor), and each record's JSON text goes from the database to the response without being parsed
 * (references get their {@code href} by a text pass, {@link GuidRefHrefs}).
 * At most {@code rollcall.oneroster.max-concurrent-requests} requests run at once per instance; more
 * are answered 429 {@code server_busy} with {@code Retry-After}. Reads of users, enrollments and
 * demographics are audited through {@link ReadAudit}.
 */
@RestController
public class OneRosterController {

    static final String BASE = "/ims/oneroster/rostering/v1p2";
    private static final Logger log = LoggerFactory.getLogger(OneRosterController.class);
    private static final int FETCH_SIZE = 1000;

    /** The served record: the stored JSON with Rollcall's id, status and modification time. */
    private static final String DOCUMENT = "(r.record || jsonb_build_object('sourcedId', r.id::text,"
            + " 'status', r.status, 'dateLastModified',"
            + " to_char(r.date_last_modified at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')))";

    private final DataSource dataSource;
    private final JsonMapper json;
    private final ReadAudit audit;
    private final int maxLimit;
    private final Semaphore permits;

    public OneRosterController(
            DataSource dataSource,
            JsonMapper json,
            ReadAudit audit,
            @Value("${rollcall.oneroster.max-limit:10000}") int maxLimit,
            @Value("${rollcall.oneroster.max-concurrent-requests:32}") int maxConcurrentRequests) {
        if (maxLimit < 1) {
            throw new IllegalArgumentException("rollcall.oneroster.max-limit must be 1 or more, but was " + maxLimit);
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException(
                    "rollcall.oneroster.max-concurrent-requests must be 1 or more, but was " + maxConcurrentRequests);
        }
        this.dataSource = dataSource;
        this.json = json;
        this.audit = audit;
        this.maxLimit = maxLimit;
        this.permits = new Semaphore(maxConcurrentRequests);
    }

    @RequestMapping("/ims/oneroster/**")
    public void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        OneRosterClient client = (OneRosterClient) request.getAttribute(OneRosterClient.REQUEST_ATTRIBUTE);
        if (!permits.tryAcquire()) {
            ImsxStatus.write(
                    response,
                    json,
                    new OneRosterException(429, "server_busy", "too many requests at once; retry in a second"));
            return;
        }
        try {
            answer(client, request, response);
        } catch (OneRosterException e) {
            ImsxStatus.write(response, json, e);
        } catch (SQLException | RuntimeException e) {
            log.error("OneRoster read {} failed", request.getRequestURI(), e);
            if (!response.isCommitted()) {
                ImsxStatus.write(
                        response,
                        json,
                        new OneRosterException(
                                500,
                                "internal_server_error",
                                "Rollcall could not complete the request; the log has the details under this"
                                        + " request's X-Request-Id"));
            }
        } finally {
            permits.release();
        }
    }

    private void answer(OneRosterClient client, HttpServletRequest request, HttpServletResponse response)
            throws IOException, SQLException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!request.getMethod().equals("GET")) {
            throw new OneRosterException(
                    405,
                    "invaliddata",
                    "the rostering binding is read-only: " + request.getMethod() + " is not allowed");
        }
        if (!path.startsWith(BASE + "/")) {
            throw OneRosterException.unknownObject(
                    "no OneRoster endpoint at " + path + "; Rollcall serves the rostering service at " + BASE);
        }
        List<String> segments = Arrays.stream(path.substring(BASE.length()).split("/"))
                .filter(segment -> !segment.isEmpty())
                .toList();
        RosterRoute route = RosterRoute.resolve(segments)
                .orElseThrow(() -> OneRosterException.unknownObject("no rostering endpoint at " + path));
        if (!client.mayRead(route.collection().demographics())) {
            throw new OneRosterException(
                    403,
                    "forbidden",
                    "the token's scopes do not cover " + path + "; it needs "
                            + (route.collection().demographics()
                                    ? OAuthScope.ROSTER_DEMOGRAPHICS.uri()
                                    : OAuthScope.ROSTER_CORE.uri())
                            + " or " + OAuthScope.ROSTER.uri());
        }
        int served;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try {
                served = route.single()
                        ? single(connection, client, route, request, response)
                        : page(connection, client, route, request, response);
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            }
        }
        if (route.collection().studentData()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("clientId", client.clientId().toString());
            details.put("path", path);
            details.put("query", request.getQueryString() == null ? "" : request.getQueryString());
            details.put("records", served);
            audit.record(
                    client.tenantId(),
                    client.actor(),
                    "oneroster.read",
                    route.collection().wrapper,
                    route.id() == null ? null : route.id().toString(),
                    details);
        }
    }

    private int single(
            Connection connection,
            OneRosterClient client,
            RosterRoute route,
            HttpServletRequest request,
            HttpServletResponse response)
            throws SQLException, IOException {
        List<String> fields = RosterQuery.fields(route.collection(), request.getParameter("fields"));
        List<Object> parameters = new ArrayList<>();
        String sql = "select " + projected(fields, parameters) + "::text from " + route.collection().table
                + " r where r.tenant_id = ? and r.id = ? and " + route.scope();
        parameters.add(client.tenantId());
        parameters.add(route.id());
        parameters.addAll(route.scopeParameters());
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                throw OneRosterException.unknownObject(route.collection().singular + " " + route.id()
                        + " does not exist" + (route.scope().equals("true") ? "" : " here"));
            }
            response.setStatus(200);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            try (JsonGenerator out = json.createGenerator(response.getOutputStream())) {
                out.writeStartObject();
                out.writeName(route.wrapper());
                out.writeRawValue(GuidRefHrefs.add(rows.getString(1)));
                out.writeEndObject();
            }
            return 1;
        }
    }

    private int page(
            Connection connection,
            OneRosterClient client,
            RosterRoute route,
            HttpServletRequest request,
            HttpServletResponse response)
            throws SQLException, IOException {
        RosterQuery query = RosterQuery.parse(
                route.collection(),
                request.getParameter("limit"),
                request.getParameter("offset"),
                request.getParameter("sort"),
                request.getParameter("orderBy"),
                request.getParameter("fields"),
                request.getParameter("filter"),
                maxLimit);
        for (RosterRoute.Parent parent : route.parents()) {
            if (!exists(connection, client, parent)) {
                throw OneRosterException.unknownObject(parent.description() + " does not exist");
            }
        }
        List<Object> whereParameters = new ArrayList<>();
        whereParameters.add(client.tenantId());
        whereParameters.addAll(route.scopeParameters());
        String where = " from " + route.collection().table + " r where r.tenant_id = ? and " + route.scope();
        if (query.filter() != null) {
            where += " and " + query.filter().condition();
            whereParameters.addAll(query.filter().parameters());
        }
        long total;
        try (PreparedStatement count = prepare(connection, "select count(*)" + where, whereParameters);
                ResultSet rows = count.executeQuery()) {
            rows.next();
            total = rows.getLong(1);
        }
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("X-Total-Count", Long.toString(total));
        response.setHeader("Link", links(request, total, query.limit(), query.offset()));
        int served = 0;
        try (JsonGenerator out = json.createGenerator(response.getOutputStream())) {
            out.writeStartObject();
            out.writeName(route.wrapper());
            out.writeStartArray();
            if (query.offset() < total) {
                List<Object> parameters = new ArrayList<>();
                // The page's ids first, then their documents: rows skipped by the offset cost an index
                // entry each, not a JSON rendering.
                String select = "select " + projected(query.fields(), parameters) + "::text from "
                        + route.collection().table + " r where r.id = any(array(select r.id" + where + " order by "
                        + query.orderBy() + " limit ? offset ?)) order by " + query.orderBy();
                parameters.addAll(whereParameters);
                parameters.add(query.limit());
                parameters.add(query.offset());
                try (PreparedStatement statement = prepare(connection, select, parameters)) {
                    statement.setFetchSize(FETCH_SIZE);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            out.writeRawValue(GuidRefHrefs.add(rows.getString(1)));
                            served++;
                        }
                    }
                }
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        return served;
    }

    private boolean exists(Connection connection, OneRosterClient client, RosterRoute.Parent parent)
            throws SQLException {
        List<Object> parameters = new ArrayList<>();
        parameters.add(client.tenantId());
        parameters.addAll(parent.parameters());
        String sql = "select exists (select 1 from " + parent.table() + " r where r.tenant_id = ? and r.id = ? and "
                + parent.condition() + ")";
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    /** The served document, projected to {@code fields} when given (a text[] parameter is added). */
    private static String projected(List<String> fields, List<Object> parameters) {
        if (fields == null) {
            return DOCUMENT;
        }
        parameters.add(fields.toArray(String[]::new));
        return "(select coalesce(jsonb_object_agg(k.key, k.value), '{}'::jsonb) from jsonb_each(" + DOCUMENT
                + ") k where k.key = any(?))";
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof String[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("text", array));
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /** The Link header: next and prev when there are such pages, first and last always. */
    static String links(HttpServletRequest request, long total, int limit, int offset) {
        String base = request.getRequestURI();
        Map<String, String> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (values.length > 0) {
                query.put(name, values[0]);
            }
        });
        List<String> links = new ArrayList<>();
        long last = total == 0 ? 0 : ((total - 1) / limit) * limit;
        if ((long) offset + limit < total) {
            links.add(link(base, query, limit, (long) offset + limit, "next"));
        }
        if (offset > 0) {
            links.add(link(base, query, limit, Math.max(0, offset - limit), "prev"));
        }
        links.add(link(base, query, limit, 0, "first"));
        links.add(link(base, query, limit, last, "last"));
        return String.join(", ", links);
    }

    private static String link(String base, Map<String, String> query, int limit, long offset, String rel) {
        Map<String, String> parameters = new LinkedHashMap<>(query);
        parameters.put("limit", Integer.toString(limit));
        parameters.put("offset", Long.toString(offset));
        String encoded = parameters.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return "<" + base + "?" + encoded + ">; rel=\"" + rel + "\"";
    }
}
