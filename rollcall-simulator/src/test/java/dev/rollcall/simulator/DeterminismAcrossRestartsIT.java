package dev.rollcall.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built jar, started twice as separate processes with the same seed and scale, answers
 * byte-identical pages; another seed answers differently.
 */
class DeterminismAcrossRestartsIT {

    private static final Path JAR = Path.of("target", "rollcall-simulator.jar");
    private static final Pattern BANNER = Pattern.compile(" at (http://[^/]+)(/ims/[^;]+);");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<String> QUERIES = List.of(
            "/users?limit=100&offset=50",
            "/enrollments?limit=500&offset=1000",
            "/users?limit=50&sort=familyName&filter="
                    + URLEncoder.encode("role='teacher' AND status='active'", StandardCharsets.UTF_8),
            "/classes?fields=sourcedId,title,course&limit=30&offset=7",
            "/demographics/usr-0000003");

    @Test
    void sameSeedAndScaleGiveTheSameBytesInAnotherProcess() throws Exception {
        assertThat(JAR)
                .as("the packaged jar (run the integration tests with mvn verify)")
                .exists();

        Map<String, String> first = digests("school", "7");
        Map<String, String> second = digests("school", "7");
        Map<String, String> otherSeed = digests("school", "8");

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed.get(QUERIES.getFirst())).isNotEqualTo(first.get(QUERIES.getFirst()));
    }

    /** The SHA-256 of the status, paging headers and body of each query, from a fresh process. */
    private static Map<String, String> digests(String scale, String seed) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(), "-jar", JAR.toString(), "--port", "0", "--scale", scale, "--seed", seed)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            String banner;
            try (var lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                banner = lines.readLine();
                assertThat(banner).as("the simulator's banner").isNotNull();
                Matcher matcher = BANNER.matcher(banner);
                assertThat(matcher.find()).as(banner).isTrue();
                String base = matcher.group(1);
                String token = token(base);
                Map<String, String> digests = new LinkedHashMap<>();
                for (String query : QUERIES) {
                    HttpResponse<byte[]> response = HTTP.send(
                            HttpRequest.newBuilder(URI.create(base + matcher.group(2) + query))
                                    .header("Authorization", "Bearer " + token)
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(response.statusCode()).as(query).isEqualTo(200);
                    assertThat(response.body().length).as(query).isGreaterThan(100);
                    String headers =
                            response.headers().firstValue("X-Total-Count").orElse("") + "|"
                                    + response.headers().firstValue("Link").orElse("");
                    digests.put(query, sha256(headers.getBytes(StandardCharsets.UTF_8), response.body()));
                }
                return digests;
            }
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String token(String base) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=client_credentials&client_id=demo&client_secret=demo-secret"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private static String sha256(byte[]... parts) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (byte[] part : parts) {
            digest.update(part);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
