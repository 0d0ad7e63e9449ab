package dev.rollcall.bench.webhooks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator when {@code wrk} is installed: a C client that costs the 2-core machine far
 * less CPU than 64 JDK {@code HttpClient} senders, leaving it to the server under test. Every event
 * is signed beforehand (Standard Webhooks, a unique {@code webhook-id} and the current timestamp),
 * written to a file that {@code wrk-webhooks.lua} reads, each sent once; every answer is counted by
 * status.
 */
final class WrkLoad {

    /** One wrk run's outcome; latencies in microseconds. */
    record Result(
            long accepted,
            long duplicates,
            long other,
            boolean exhausted,
            long errors,
            Duration length,
            long p50Micros,
            long p99Micros,
            long maxMicros) {

        double perSecond() {
            return accepted / (length.toNanos() / 1e9);
        }
    }

    private static final Pattern RESULT = Pattern.compile("RESULT (.*)");
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(-?\\d+)");

    private final Path workDir;
    private final Path script;

    private WrkLoad(Path workDir, Path script) {
        this.workDir = workDir;
        this.script = script;
    }

    /** True when a {@code wrk} binary is on the PATH. */
    static boolean available() {
        try {
            Process probe = new ProcessBuilder("wrk", "--version")
                    .redirectErrorStream(true)
                    .start();
            probe.getInputStream().readAllBytes();
            probe.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static WrkLoad create() throws IOException {
        Path workDir = Files.createTempDirectory("rollcall-wrk-");
        Path script = workDir.resolve("wrk-webhooks.lua");
        try (InputStream lua = WrkLoad.class.getResourceAsStream("wrk-webhooks.lua")) {
            if (lua == null) {
                throw new IllegalStateException("wrk-webhooks.lua is missing from the bench jar");
            }
            Files.copy(lua, script);
        }
        return new WrkLoad(workDir, script);
    }

    /**
     * Sends {@code count} new signed events (ids {@code msg_<phase>_<n>}) for {@code length} from
     * {@code connections} connections on 2 threads.
     */
    Result run(URI url, String secret, String phase, int count, int connections, Duration length) throws Exception {
        Path requests = workDir.resolve("requests-" + phase + ".tsv");
        long timestamp = Instant.now().getEpochSecond();
        try (BufferedWriter out = Files.newBufferedWriter(requests, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                String id = "msg_" + phase + "_" + i;
                byte[] body = WebhookIngressBenchmark.Sender.body(id).getBytes(StandardCharsets.UTF_8);
                out.write(id + "\t" + timestamp + "\t"
                        + WebhookIngressBenchmark.Sender.signature(secret, id, timestamp, body) + "\t"
                        + new String(body, StandardCharsets.UTF_8) + "\n");
            }
        }
        int threads = 2;
        Process wrk = new ProcessBuilder(
                        "wrk",
                        "-t" + threads,
                        "-c" + connections,
                        "-d" + length.toSeconds() + "s",
                        "--timeout",
                        "30s",
                        "-s",
                        script.toString(),
                        url.toString(),
                        "--",
                        requests.toString(),
                        Integer.toString(threads))
                .redirectErrorStream(true)
                .start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(length.toSeconds() + 120, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        Files.delete(requests);
        Matcher line = RESULT.matcher(output);
        if (!line.find()) {
            throw new IllegalStateException("wrk printed no RESULT line: " + output);
        }
        Map<String, Long> fields = new HashMap<>();
        Matcher field = FIELD.matcher(line.group(1));
        while (field.find()) {
            fields.put(field.group(1), Long.parseLong(field.group(2)));
        }
        return new Result(
                fields.get("accepted"),
                fields.get("duplicate"),
                fields.get("other"),
                fields.get("exhausted") > 0,
                fields.get("errors"),
                Duration.ofNanos(fields.get("duration_us") * 1_000),
                fields.get("p50_us"),
                fields.get("p99_us"),
                fields.get("max_us"));
    }
}
