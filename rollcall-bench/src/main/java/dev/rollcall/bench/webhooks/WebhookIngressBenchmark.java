package dev.rollcall.bench.webhooks;

import dev.rollcall.bench.Benchmark;
import dev.rollcall.bench.Figure;
import dev.rollcall.bench.Flags;
import dev.rollcall.bench.Flags.Flag;
import dev.rollcall.bench.Report;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code webhook-ingress}: starts Rollcall's jar as its own process (embedded PostgreSQL, fsync and
 * synchronous commit on), creates a Standard Webhooks endpoint, and posts signed events from {@code
 * --connections} concurrent clients for {@code --seconds}: events/s and latency percentiles, every
 * answer checked (202 accepted). Then it re-sends a sample (each must be a 200 duplicate) and a few
 * forged ones (each a 401), and times the workers draining the inbox (the processing rate).
 *
 * <p>The baseline is the durable floor: the same number of clients inserting and committing one row
 * each straight into the same PostgreSQL over JDBC, so the ratio shows what HTTP, verification and
 * deduplication cost. Target (ARCHITECTURE.md): 5,000 events/s at 64 connections, p99 under 50 ms.
 */
public final class WebhookIngressBenchmark implements Benchmark {

    static final Flag<Path> JAR =
            new Flag<>("jar", "rollcall-server/target/rollcall.jar", "Rollcall's server jar", Path::of);
    static final Flag<Integer> CONNECTIONS = new Flag<>("connections", "64", "concurrent senders", Flags::positiveInt);
    static final Flag<Integer> SECONDS = new Flag<>("seconds", "20", "measured seconds", Flags::positiveInt);
    static final Flag<Integer> WARMUP_SECONDS =
            new Flag<>("warmup-seconds", "10", "unmeasured seconds first", Flags::nonNegativeInt);
    static final Flag<String> HEAP = new Flag<>("heap", "1g", "Rollcall's -Xmx", text -> text);
    static final Flag<String> CLIENT = new Flag<>(
            "client",
            "auto",
            "the load generator: wrk, jdk (64 JDK HttpClient senders in this JVM), or auto (wrk when installed)",
            text -> switch (text) {
                case "auto", "wrk", "jdk" -> text;
                default -> throw new IllegalArgumentException("must be auto, wrk or jdk");
            });
    static final Flag<String> SERVER_ARGS = new Flag<>(
            "server-args",
            "",
            "extra arguments for Rollcall, space-separated (e.g. --rollcall.webhooks.inbox-writers=4)",
            text -> text);
    static final Flag<String> INTEGRATION = new Flag<>(
            "integration",
            "{\"name\":\"bench\",\"connector\":\"oneroster\",\"config\":{\"profile\":\"oneroster-1.2\","
                    + "\"baseUrl\":\"http://127.0.0.1:9\",\"tokenUrl\":\"/oauth2/token\",\"clientId\":\"bench\","
                    + "\"clientSecret\":\"bench-secret\"}}",
            "the integration the endpoint belongs to (POST /api/v1/integrations body)",
            text -> text);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String name() {
        return "webhook-ingress";
    }

    @Override
    public String summary() {
        return "signed webhook deliveries into a running Rollcall: events/s, p99, processing rate";
    }

    @Override
    public List<Flag<?>> flags() {
        return List.of(JAR, CONNECTIONS, SECONDS, WARMUP_SECONDS, CLIENT, HEAP, SERVER_ARGS, INTEGRATION);
    }

    @Override
    public void run(Flags flags, Report report) throws Exception {
        int connections = flags.get(CONNECTIONS);
        report.title("webhook-ingress: " + connections + " connections, " + flags.get(SECONDS) + " s measured");
        String serverArgs = flags.get(SERVER_ARGS).strip();
        try (RollcallProcess rollcall = RollcallProcess.start(
                flags.get(JAR),
                flags.get(HEAP),
                Duration.ofMinutes(3),
                serverArgs.isEmpty() ? new String[0] : serverArgs.split("\\s+"))) {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            Admin admin = new Admin(http, rollcall);
            String integrationId = admin.post("/api/v1/integrations", flags.get(INTEGRATION), 201)
                    .get("id")
                    .asString();
            JsonNode endpoint = admin.post(
                    "/api/v1/integrations/" + integrationId + "/webhook-endpoints",
                    "{\"scheme\":\"standard-webhooks\"}",
                    201);
            Sender sender = new Sender(
                    http,
                    rollcall.base()
                            .resolve(URI.create(endpoint.get("url").asString()).getPath()),
                    endpoint.get("secret").asString());
            report.note("Rollcall " + rollcall.base() + ", endpoint "
                    + endpoint.get("id").asString());

            String client = flags.get(CLIENT);
            boolean wrk = client.equals("wrk") || (client.equals("auto") && WrkLoad.available());
            Duration warmup = Duration.ofSeconds(flags.get(WARMUP_SECONDS));
            Duration length = Duration.ofSeconds(flags.get(SECONDS));
            List<String> sentIds;
            long processedDuring;
            if (wrk) {
                report.note("load generator: wrk, 2 threads, " + connections
                        + " connections, each event signed beforehand");
                WrkLoad load = WrkLoad.create();
                URI url = sender.url();
                String secret = endpoint.get("secret").asString();
                if (!warmup.isZero()) {
                    WrkLoad.Result warm = load.run(url, secret, "warm", eventsFor(warmup), connections, warmup);
                    sender.countAccepted(checked(warm).accepted());
                }
                Duration jvmBefore = rollcall.cpuTime();
                Duration databaseBefore = rollcall.databaseCpuTime();
                long processedBefore = admin.processed();
                WrkLoad.Result measured = checked(load.run(url, secret, "run", eventsFor(length), connections, length));
                processedDuring = admin.processed() - processedBefore;
                sender.countAccepted(measured.accepted());
                cpuPerEvent(report, rollcall, jvmBefore, databaseBefore, measured.accepted());
                sentIds = acceptedIds(rollcall, "msg_run_", 1_000);
                double baseline = durableInsertBaseline(rollcall, connections, Duration.ofSeconds(5));
                report.figure(Figure.of("accepted events/s", measured.perSecond(), "events/s")
                        .against(new Figure.Baseline("of durable single-row INSERT+COMMIT", baseline))
                        .withTarget(Figure.Target.atLeast(5_000)));
                report.figure(Figure.of("latency p50", measured.p50Micros() / 1_000.0, "ms"));
                report.figure(Figure.of("latency p99", measured.p99Micros() / 1_000.0, "ms")
                        .withTarget(Figure.Target.atMost(50)));
                report.figure(Figure.of("latency max", measured.maxMicros() / 1_000.0, "ms"));
            } else {
                report.note("load generator: " + connections + " JDK HttpClient senders in this JVM");
                sender.load(connections, warmup, "warm");
                Duration jvmBefore = rollcall.cpuTime();
                Duration databaseBefore = rollcall.databaseCpuTime();
                long processedBefore = admin.processed();
                Sender.Result measured = sender.load(connections, length, "run");
                processedDuring = admin.processed() - processedBefore;
                cpuPerEvent(report, rollcall, jvmBefore, databaseBefore, measured.accepted());
                sentIds = measured.sentIds();
                double baseline = durableInsertBaseline(rollcall, connections, Duration.ofSeconds(5));
                long[] sorted = measured.sortedLatencies();
                report.figure(Figure.of("accepted events/s", measured.perSecond(), "events/s")
                        .against(new Figure.Baseline("of durable single-row INSERT+COMMIT", baseline))
                        .withTarget(Figure.Target.atLeast(5_000)));
                report.figure(Figure.of("latency p50", Latencies.percentileMillis(sorted, 50), "ms"));
                report.figure(Figure.of("latency p99", Latencies.percentileMillis(sorted, 99), "ms")
                        .withTarget(Figure.Target.atMost(50)));
                report.figure(Figure.of("latency max", Latencies.percentileMillis(sorted, 100), "ms"));
            }

            sender.checkDuplicatesAndForgeries(sentIds, 1_000);
            report.note("re-sent 1,000 accepted events: every one answered 200 duplicate; 20 forged: every one 401");

            if (serverArgs.contains("rollcall.webhooks.processing.enabled=false")) {
                report.note("processing is off (--server-args): the inbox is not drained");
                return;
            }
            report.figure(Figure.of(
                    "processed during the measured run, beside the ingress",
                    processedDuring / (double) length.toSeconds(),
                    "events/s"));
            long accepted = sender.acceptedTotal();
            Instant start = Instant.now();
            long backlogStart = admin.processed();
            Duration jvmBefore = rollcall.cpuTime();
            Duration databaseBefore = rollcall.databaseCpuTime();
            long processed = admin.awaitProcessed(accepted, Duration.ofMinutes(10));
            double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
            long drained = processed - backlogStart;
            report.figure(Figure.of(
                    "backlog drained after the run, ingress idle", drained / Math.max(seconds, 1e-3), "events/s"));
            report.figure(Figure.of(
                    "Rollcall JVM CPU per drained event",
                    rollcall.cpuTime().minus(jvmBefore).toNanos() / 1e6 / Math.max(drained, 1),
                    "ms"));
            report.figure(Figure.of(
                    "PostgreSQL CPU per drained event",
                    rollcall.databaseCpuTime().minus(databaseBefore).toNanos() / 1e6 / Math.max(drained, 1),
                    "ms"));
            report.note(drained + " events drained in " + String.format("%.1f", seconds) + " s");
            report.note(processed + " accepted events processed (applied, ignored or dead-lettered); the senders saw "
                    + accepted + " answers (wrk stops with up to one request per connection in flight, which the"
                    + " server commits and processes but wrk does not count)");
        }
    }

    /**
     * The CPU each accepted event cost Rollcall's JVM and its PostgreSQL during the measured run
     * (processing included, unless it is off): on a shared 2-core machine this says more about the
     * server than the rate does.
     */
    private static void cpuPerEvent(
            Report report, RollcallProcess rollcall, Duration jvmBefore, Duration databaseBefore, long accepted)
            throws Exception {
        double jvm = rollcall.cpuTime().minus(jvmBefore).toNanos() / 1e6 / Math.max(accepted, 1);
        double database = rollcall.databaseCpuTime().minus(databaseBefore).toNanos() / 1e6 / Math.max(accepted, 1);
        report.figure(Figure.of("Rollcall JVM CPU per accepted event", jvm, "ms"));
        report.figure(Figure.of("PostgreSQL CPU per accepted event", database, "ms"));
    }

    /** Up to {@code limit} event ids with this prefix that the inbox holds, oldest first. */
    private static List<String> acceptedIds(RollcallProcess rollcall, String prefix, int limit) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(rollcall.jdbcUrl(), "postgres", "");
                PreparedStatement select = connection.prepareStatement(
                        "select event_key from webhook_event where event_key like ? order by id limit ?")) {
            select.setString(1, prefix + "%");
            select.setInt(2, limit);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    /** Events to sign for a wrk run: more than 12,000 events/s could send in {@code length}. */
    private static int eventsFor(Duration length) {
        return (int) Math.max(20_000, 12_000 * length.toSeconds());
    }

    /** A wrk run whose every answer was a 202 and that did not run out of events; else it fails. */
    private static WrkLoad.Result checked(WrkLoad.Result result) {
        if (result.exhausted() || result.duplicates() > 0 || result.other() > 0 || result.errors() > 0) {
            throw new IllegalStateException("wrk: " + result.accepted() + " accepted, " + result.duplicates()
                    + " duplicates, " + result.other() + " other answers, " + result.errors() + " socket errors"
                    + (result.exhausted() ? ", ran out of signed events" : ""));
        }
        return result;
    }

    /** The durable floor: one row per transaction, {@code connections} at once, into the same PostgreSQL. */
    private static double durableInsertBaseline(RollcallProcess rollcall, int connections, Duration length)
            throws Exception {
        String url = rollcall.jdbcUrl();
        try (Connection setup = DriverManager.getConnection(url, "postgres", "")) {
            setup.createStatement()
                    .execute("create table if not exists bench_baseline (id bigserial primary key, key text unique,"
                            + " body bytea not null, received_at timestamptz not null default now())");
        }
        AtomicLong rows = new AtomicLong();
        Instant end = Instant.now().plus(length);
        CountDownLatch done = new CountDownLatch(connections);
        AtomicReference<Exception> failure = new AtomicReference<>();
        byte[] body = Sender.body("baseline").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < connections; i++) {
            int worker = i;
            Thread.ofVirtual().start(() -> {
                try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                        PreparedStatement insert =
                                connection.prepareStatement("insert into bench_baseline (key, body) values (?, ?)"
                                        + " on conflict (key) do nothing")) {
                    long n = 0;
                    while (Instant.now().isBefore(end)) {
                        insert.setString(1, worker + "-" + n++);
                        insert.setBytes(2, body);
                        insert.executeUpdate();
                        rows.incrementAndGet();
                    }
                } catch (Exception e) {
                    failure.set(e);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        return rows.get() / (length.toNanos() / 1e9);
    }

    /** The admin API of the process under test. */
    private record Admin(HttpClient http, RollcallProcess rollcall) {

        JsonNode post(String path, String body, int expected) throws Exception {
            return JSON.readTree(rollcall.adminPost(path, body, expected));
        }

        /** Waits until the workers have finished {@code expected} events; the count finished. */
        /** Events processed so far (applied, ignored or dead-lettered), from Rollcall's metrics. */
        long processed() throws Exception {
            HttpResponse<String> metrics = http.send(
                    HttpRequest.newBuilder(rollcall.base().resolve("/actuator/prometheus"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return finished(metrics.body());
        }

        long awaitProcessed(long expected, Duration timeout) throws Exception {
            Instant deadline = Instant.now().plus(timeout);
            long processed = 0;
            while (Instant.now().isBefore(deadline)) {
                processed = processed();
                if (processed >= expected) {
                    return processed;
                }
                Thread.sleep(200); // polling a running process's metrics; not a test
            }
            return processed;
        }

        private static long finished(String prometheus) {
            long total = 0;
            Matcher matcher = Pattern.compile(
                            "(?m)^rollcall_webhooks_processed_total\\{[^}]*outcome=\"(applied|ignored|dead)\"[^}]*} ([0-9.eE+]+)$")
                    .matcher(prometheus);
            while (matcher.find()) {
                total += (long) Double.parseDouble(matcher.group(2));
            }
            return total;
        }
    }

    /** Signs and posts events. */
    static final class Sender {

        /** A load run's outcome. */
        record Result(long accepted, Duration length, List<Latencies> latencies, List<String> sentIds) {
            double perSecond() {
                return accepted / (length.toNanos() / 1e9);
            }

            long[] sortedLatencies() {
                return Latencies.merged(latencies);
            }
        }

        private final HttpClient http;
        private final URI url;
        private final byte[] key;
        private final AtomicLong sequence = new AtomicLong();
        private final AtomicLong acceptedTotal = new AtomicLong();

        Sender(HttpClient http, URI url, String secret) {
            this.http = http;
            this.url = url;
            this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        }

        static String body(String id) {
            return "{\"type\":\"org.updated\",\"timestamp\":\"2026-11-22T10:00:00.000Z\",\"data\":{\"sourcedId\":\"org-"
                    + id + "\",\"entity\":\"orgs\",\"record\":{\"sourcedId\":\"org-" + id + "\",\"status\":\"active\","
                    + "\"dateLastModified\":\"2026-11-22T10:00:00.000Z\",\"name\":\"Benchmark School " + id
                    + "\",\"type\":\"school\"}}}";
        }

        long acceptedTotal() {
            return acceptedTotal.get();
        }

        void countAccepted(long accepted) {
            acceptedTotal.addAndGet(accepted);
        }

        URI url() {
            return url;
        }

        /** The Standard Webhooks {@code webhook-signature} value: {@code v1,<base64 HMAC-SHA256>}. */
        static String signature(String secret, String id, long timestamp, byte[] body) throws Exception {
            return signature(Base64.getDecoder().decode(secret.substring("whsec_".length())), id, timestamp, body);
        }

        private static String signature(byte[] key, String id, long timestamp, byte[] body) throws Exception {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        }

        Result load(int connections, Duration length, String phase) throws Exception {
            List<Latencies> latencies = new ArrayList<>();
            ConcurrentLinkedQueue<String> sample = new ConcurrentLinkedQueue<>();
            AtomicLong accepted = new AtomicLong();
            AtomicReference<Exception> failure = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(connections);
            long start = System.nanoTime();
            long end = start + length.toNanos();
            for (int i = 0; i < connections; i++) {
                Latencies mine = new Latencies();
                latencies.add(mine);
                Thread.ofVirtual().start(() -> {
                    try {
                        while (System.nanoTime() < end && failure.get() == null) {
                            String id = "msg_" + phase + "_" + sequence.incrementAndGet();
                            long sent = System.nanoTime();
                            int status = send(id, Instant.now().getEpochSecond(), key);
                            mine.add(System.nanoTime() - sent);
                            if (status != 202) {
                                throw new IllegalStateException("event " + id + " answered " + status + ", not 202");
                            }
                            accepted.incrementAndGet();
                            if (sample.size() < 1_000) {
                                sample.add(id);
                            }
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (failure.get() != null) {
                throw failure.get();
            }
            acceptedTotal.addAndGet(accepted.get());
            return new Result(accepted.get(), took, latencies, List.copyOf(sample));
        }

        void checkDuplicatesAndForgeries(List<String> ids, int count) throws Exception {
            for (String id : ids.subList(0, Math.min(count, ids.size()))) {
                int status = send(id, Instant.now().getEpochSecond(), key);
                if (status != 200) {
                    throw new IllegalStateException("duplicate " + id + " answered " + status + ", not 200");
                }
            }
            byte[] wrong = new byte[key.length];
            for (int i = 0; i < 20; i++) {
                int status = send("msg_forged_" + i, Instant.now().getEpochSecond(), wrong);
                if (status != 401) {
                    throw new IllegalStateException("a forged event answered " + status + ", not 401");
                }
            }
        }

        private int send(String id, long timestamp, byte[] signingKey) throws Exception {
            byte[] body = body(id).getBytes(StandardCharsets.UTF_8);
            String signature = signature(signingKey, id, timestamp, body);
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("webhook-id", id)
                            .header("webhook-timestamp", Long.toString(timestamp))
                            .header("webhook-signature", signature)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode();
        }
    }
}
