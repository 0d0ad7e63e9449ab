package dev.rollcall.bench.readapi;

import dev.rollcall.bench.Benchmark;
import dev.rollcall.bench.Figure;
import dev.rollcall.bench.Flags;
import dev.rollcall.bench.Flags.Flag;
import dev.rollcall.bench.Report;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code oneroster-api} and {@code change-feed}: a Rollcall server (child process, {@code
 * -Xmx512m}) on an embedded PostgreSQL loaded by COPY, read over loopback HTTP in large pages by a
 * streaming client that walks every record. The baseline is a plain SQL read of the same rows (the
 * stored JSON text, same order, same page size) over JDBC in this process, so the ratio is what
 * the API (query translation, HTTP, JSON framing) costs over the database itself.
 */
public final class ReadApiBenchmarks {

    /** Issue 6: the OneRoster API serves at least this many records per second in large pages. */
    public static final double API_TARGET = 20_000;
    /** Issue 6: the change feed is pulled at this many events per second or more. */
    public static final double FEED_TARGET = 50_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final Flag<Integer> RECORDS =
            new Flag<>("records", "100000", "rows loaded (users, or journal entries)", Flags::positiveInt);
    static final Flag<Integer> LIMIT = new Flag<>("limit", "10000", "page size of every read", Flags::positiveInt);
    static final Flag<String> WORK = new Flag<>(
            "work", "target/bench-readapi", "a scratch directory for the database and the server log", text -> text);
    static final Flag<String> SERVER_JAR = new Flag<>(
            "server-jar", "rollcall-server/target/rollcall.jar", "the Rollcall server jar to run", text -> text);
    static final Flag<String> HEAP = new Flag<>("server-heap", "512m", "the server's -Xmx", text -> text);

    private ReadApiBenchmarks() {}

    static List<Flag<?>> flags() {
        return List.of(RECORDS, LIMIT, WORK, SERVER_JAR, HEAP, Flags.RUNS, Flags.WARMUP);
    }

    /** {@code oneroster-api}: {@code GET /ims/oneroster/rostering/v1p2/users} in pages. */
    public static final class OneRosterApi implements Benchmark {
        @Override
        public String name() {
            return "oneroster-api";
        }

        @Override
        public String summary() {
            return "Rollcall's OneRoster API, all users in large pages, against a plain SQL read (target ≥ 20,000/s)";
        }

        @Override
        public List<Flag<?>> flags() {
            return ReadApiBenchmarks.flags();
        }

        @Override
        public void run(Flags flags, Report report) throws Exception {
            int records = flags.get(RECORDS);
            int limit = flags.get(LIMIT);
            Path work = Path.of(flags.get(WORK), "oneroster-api-" + UUID.randomUUID());
            try (RollcallUnderTest rollcall =
                    RollcallUnderTest.start(work, Path.of(flags.get(SERVER_JAR)), flags.get(HEAP))) {
                loadUsers(rollcall, records);
                String token = rollcall.oneRosterToken();
                report.title("oneroster-api: " + records + " users, limit=" + limit);
                report.note("server: child JVM -Xmx" + flags.get(HEAP) + "; database: embedded PostgreSQL; "
                        + Runtime.getRuntime().availableProcessors() + " cores");
                double api = measure(
                        flags,
                        () -> {
                            long read = 0;
                            for (int offset = 0; offset < records; offset += limit) {
                                read += countRecords(
                                        rollcall,
                                        token,
                                        "/ims/oneroster/rostering/v1p2/users?limit=" + limit + "&offset=" + offset,
                                        "users");
                            }
                            return read;
                        },
                        records);
                double sql = measure(flags, () -> sqlPages(rollcall, limit), records);
                report.figure(new Figure("GET /users limit=" + limit + ": records/s", api, "records/s", null, null)
                        .against(new Figure.Baseline("of plain SQL read", sql))
                        .withTarget(Figure.Target.atLeast(API_TARGET)));
            }
        }
    }

    /** {@code change-feed}: {@code GET /api/v1/changes} from the start to the end. */
    public static final class ChangeFeed implements Benchmark {
        @Override
        public String name() {
            return "change-feed";
        }

        @Override
        public String summary() {
            return "the change feed pulled from the start in large pages, against a plain SQL read (target ≥ 50,000/s)";
        }

        @Override
        public List<Flag<?>> flags() {
            return ReadApiBenchmarks.flags();
        }

        @Override
        public void run(Flags flags, Report report) throws Exception {
            int records = flags.get(RECORDS);
            int limit = flags.get(LIMIT);
            Path work = Path.of(flags.get(WORK), "change-feed-" + UUID.randomUUID());
            try (RollcallUnderTest rollcall =
                    RollcallUnderTest.start(work, Path.of(flags.get(SERVER_JAR)), flags.get(HEAP))) {
                loadJournal(rollcall, records);
                report.title("change-feed: " + records + " journal entries, limit=" + limit);
                report.note("server: child JVM -Xmx" + flags.get(HEAP) + "; database: embedded PostgreSQL; "
                        + Runtime.getRuntime().availableProcessors() + " cores");
                double feed = measure(flags, () -> pullFeed(rollcall, limit), records);
                double sql = measure(flags, () -> sqlFeed(rollcall, limit), records);
                report.figure(new Figure("GET /changes limit=" + limit + ": events/s", feed, "events/s", null, null)
                        .against(new Figure.Baseline("of plain SQL read", sql))
                        .withTarget(Figure.Target.atLeast(FEED_TARGET)));
            }
        }
    }

    @FunctionalInterface
    interface Read {
        long run() throws Exception;
    }

    /** Records per second of the median run; fails when a run reads a different count. */
    static double measure(Flags flags, Read read, long expected) throws Exception {
        for (int i = 0; i < flags.get(Flags.WARMUP); i++) {
            check(read.run(), expected);
        }
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < flags.get(Flags.RUNS); i++) {
            long started = System.nanoTime();
            long count = read.run();
            double seconds = (System.nanoTime() - started) / 1e9;
            check(count, expected);
            rates.add(count / seconds);
        }
        rates.sort(Double::compare);
        return rates.get(rates.size() / 2);
    }

    private static void check(long count, long expected) {
        if (count != expected) {
            throw new IllegalStateException("read " + count + " records, expected " + expected);
        }
    }

    /** Reads one page over HTTP, walking every token; returns the records in the wrapper array. */
    static long countRecords(RollcallUnderTest rollcall, String token, String path, String wrapper)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> response = rollcall.http.send(
                HttpRequest.newBuilder(URI.create(rollcall.baseUrl + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(path + " answered " + response.statusCode() + ": "
                        + new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return countArray(body, wrapper)[0];
        }
    }

    /** {count, next cursor or -1}: the elements of the top-level array {@code wrapper}, and "next". */
    private static long[] countArray(InputStream body, String wrapper) throws IOException {
        long count = 0;
        long next = -1;
        try (JsonParser parser = JSON.createParser(body)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(wrapper) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        count++;
                    }
                } else if (name.equals("next") && value == JsonToken.VALUE_STRING) {
                    next = Long.parseLong(parser.getString());
                } else {
                    parser.skipChildren();
                }
            }
        }
        return new long[] {count, next};
    }

    private static long pullFeed(RollcallUnderTest rollcall, int limit) throws IOException, InterruptedException {
        long total = 0;
        long cursor = 0;
        while (true) {
            HttpResponse<InputStream> response = rollcall.http.send(
                    HttpRequest.newBuilder(URI.create(
                                    rollcall.baseUrl + "/api/v1/changes?limit=" + limit + "&after=" + cursor))
                            .header("Authorization", "Bearer " + rollcall.adminToken())
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long[] page;
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("/api/v1/changes answered " + response.statusCode());
                }
                page = countArray(body, "items");
            }
            if (page[0] == 0) {
                return total;
            }
            total += page[0];
            cursor = page[1];
        }
    }

    /** The floor: the stored JSON text of every user, keyset-paged by id, straight from the table. */
    private static long sqlPages(RollcallUnderTest rollcall, int limit) throws SQLException {
        long read = 0;
        UUID after = new UUID(0, 0);
        try (Connection connection = rollcall.connect()) {
            connection.setAutoCommit(false);
            while (true) {
                long before = read;
                try (PreparedStatement statement = connection.prepareStatement(
                        "select id, record::text from roster_user where tenant_id = ? and id > ? order by id limit ?")) {
                    statement.setObject(1, RollcallUnderTest.TENANT);
                    statement.setObject(2, after);
                    statement.setInt(3, limit);
                    statement.setFetchSize(1000);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            after = rows.getObject(1, UUID.class);
                            if (rows.getString(2).isEmpty()) {
                                throw new IllegalStateException("an empty record");
                            }
                            read++;
                        }
                    }
                }
                if (read == before) {
                    connection.rollback();
                    return read;
                }
            }
        }
    }

    private static long sqlFeed(RollcallUnderTest rollcall, int limit) throws SQLException {
        long read = 0;
        long cursor = 0;
        try (Connection connection = rollcall.connect()) {
            connection.setAutoCommit(false);
            while (true) {
                long before = read;
                try (PreparedStatement statement = connection.prepareStatement("""
                        select seq, entity_type, record_id, operation, changed_fields, record::text, session_id, cause,
                               occurred_at
                        from change_journal where tenant_id = ? and seq > ? order by seq limit ?""")) {
                    statement.setObject(1, RollcallUnderTest.TENANT);
                    statement.setLong(2, cursor);
                    statement.setInt(3, limit);
                    statement.setFetchSize(2000);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            cursor = rows.getLong(1);
                            rows.getString(2);
                            rows.getObject(3);
                            rows.getString(4);
                            rows.getArray(5).getArray();
                            rows.getString(6);
                            rows.getObject(7);
                            rows.getString(8);
                            rows.getTimestamp(9);
                            read++;
                        }
                    }
                }
                if (read == before) {
                    connection.rollback();
                    return read;
                }
            }
        }
    }

    // --- data --------------------------------------------------------------------------------------

    private static final int CHUNK = 10_000;

    static void loadUsers(RollcallUnderTest rollcall, int count) throws Exception {
        UUID school = UUID.nameUUIDFromBytes("bench-school".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int start = 0; start < count; start += CHUNK) {
            StringBuilder rows = new StringBuilder();
            for (int i = start; i < Math.min(count, start + CHUNK); i++) {
                UUID id = UUID.nameUUIDFromBytes(("bench-user-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                String record = userJson(id, i, school);
                rows.append(id)
                        .append(',')
                        .append(RollcallUnderTest.TENANT)
                        .append(",active,2024-01-01T00:00:00Z,")
                        .append("\\x")
                        .append(HexFormat.of().formatHex(new byte[16]))
                        .append(',')
                        .append(csv(record))
                        .append(',')
                        .append(csv("user" + i + "@example.org"))
                        .append(",Given")
                        .append(i)
                        .append(",Family")
                        .append(i)
                        .append('\n');
            }
            rollcall.copy(
                    "roster_user",
                    "id, tenant_id, status, date_last_modified, checksum, record, email, given_name, family_name",
                    rows);
        }
    }

    static void loadJournal(RollcallUnderTest rollcall, int count) throws Exception {
        UUID school = UUID.nameUUIDFromBytes("bench-school".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int start = 0; start < count; start += CHUNK) {
            StringBuilder rows = new StringBuilder();
            for (int i = start; i < Math.min(count, start + CHUNK); i++) {
                UUID id = UUID.nameUUIDFromBytes(("bench-user-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                rows.append(RollcallUnderTest.TENANT)
                        .append(",user,")
                        .append(id)
                        .append(",updated,")
                        .append(csv("{givenName,familyName}"))
                        .append(',')
                        .append(csv(userJson(id, i, school)))
                        .append(",sync,2024-01-01T00:00:00Z\n");
            }
            rollcall.copy(
                    "change_journal",
                    "tenant_id, entity_type, record_id, operation, changed_fields, record, cause, occurred_at",
                    rows);
        }
    }

    /** A student as the canonical model stores one (about 600 bytes of JSON). */
    static String userJson(UUID id, int i, UUID school) {
        return String.format(
                Locale.ROOT,
                "{\"sourcedId\":\"%s\",\"status\":\"active\",\"dateLastModified\":\"2024-01-01T00:00:00Z\","
                        + "\"metadata\":{},\"username\":\"user%d\",\"userIds\":[{\"type\":\"SIS\",\"identifier\":\"sis-%d\"}],"
                        + "\"enabledUser\":\"true\",\"givenName\":\"Given%d\",\"familyName\":\"Family%d\","
                        + "\"roles\":[{\"roleType\":\"primary\",\"role\":\"student\",\"org\":{\"sourcedId\":\"%s\",\"type\":\"org\"}}],"
                        + "\"userProfiles\":[],\"identifier\":\"%d\",\"email\":\"user%d@example.org\",\"agents\":[],"
                        + "\"grades\":[\"%02d\"],\"resources\":[],\"primaryOrg\":{\"sourcedId\":\"%s\",\"type\":\"org\"}}",
                id,
                i,
                i,
                i,
                i,
                school,
                100000 + i,
                i,
                1 + i % 12,
                school);
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
