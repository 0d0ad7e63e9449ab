package dev.rollcall.bench.simulator;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every record of a collection from a OneRoster 1.2 server the way a sync does: sequential
 * pages of {@code limit} records over one HTTP/1.1 client, each page streamed through Jackson's
 * parser as it arrives (no tree, no page held in memory).
 *
 * <p>So that a broken server cannot look fast, every read is verified: each page answers 200 with
 * well-formed JSON and nothing after it; holds exactly {@code min(limit, total - offset)} records;
 * every record has a {@code sourcedId}, in strictly ascending order across the whole read (so no
 * record is repeated or skipped between pages); the total (the {@code X-Total-Count} header, or
 * {@code totalCount} in the body for TimeBack) is the same on every page and equals the expected
 * count. Any violation throws {@link IllegalStateException} naming the page and what was wrong.
 *
 * <p>Thread-safe if the client is; one read at a time is what the benchmark measures.
 */
public final class PageReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final URI rosteringUrl;
    private final String token;
    private final boolean totalInBody;
    private final LongSupplier nanoTicker;

    /**
     * @param rosteringUrl the binding's base, e.g. {@code http://127.0.0.1:9090/ims/oneroster/rostering/v1p2}
     * @param totalInBody TimeBack's paging in the body ({@code totalCount}) instead of {@code X-Total-Count}
     * @param nanoTicker the time source for the figures, {@code System::nanoTime} outside tests
     */
    public PageReader(HttpClient client, URI rosteringUrl, String token, boolean totalInBody, LongSupplier nanoTicker) {
        this.client = Objects.requireNonNull(client, "client");
        this.rosteringUrl = Objects.requireNonNull(rosteringUrl, "rosteringUrl");
        this.token = Objects.requireNonNull(token, "token");
        this.totalInBody = totalInBody;
        this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
    }

    /** An HTTP/1.1 client as the benchmark uses it (no h2c upgrade attempt on plain http). */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** An OAuth2 client-credentials token from {@code POST {baseUrl}/oauth2/token}. */
    public static String clientCredentialsToken(HttpClient client, URI baseUrl, String clientId, String clientSecret)
            throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        URI uri = URI.create(baseUrl + "/oauth2/token");
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + uri + " answered " + response.statusCode() + " for client '"
                    + clientId + "': " + abbreviate(response.body()));
        }
        String token = JSON.readTree(response.body()).path("access_token").asString("");
        if (token.isEmpty()) {
            throw new IllegalStateException("POST " + uri + " answered 200 without an access_token");
        }
        return token;
    }

    /**
     * Reads all of {@code collection} in pages of {@code limit}, verifying as the class describes.
     *
     * @param expectedTotal how many records the collection holds
     * @throws IllegalStateException when the server's answer fails a check
     */
    public Read readAll(String collection, int limit, long expectedTotal) throws IOException, InterruptedException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, but was " + limit);
        }
        long[] pageNanos = new long[(int) Math.max(1, (expectedTotal + limit - 1) / limit)];
        int pages = 0;
        long records = 0;
        long bytes = 0;
        String[] lastId = {""};
        long started = nanoTicker.getAsLong();
        while (true) {
            long offset = records;
            URI uri = URI.create(rosteringUrl + "/" + collection + "?limit=" + limit + "&offset=" + offset);
            long pageStarted = nanoTicker.getAsLong();
            HttpResponse<InputStream> response = client.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            Page page;
            try (CountingInputStream body = new CountingInputStream(response.body())) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                            + abbreviate(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
                }
                page = parse(uri, body, collection, lastId);
                bytes += body.count();
            }
            long total = totalOf(uri, response, page);
            if (total != expectedTotal) {
                throw new IllegalStateException(
                        "GET " + uri + " reports a total of " + total + " but the collection holds " + expectedTotal);
            }
            long expected = Math.min(limit, total - offset);
            if (page.records() != expected) {
                throw new IllegalStateException("GET " + uri + " held " + page.records() + " records; expected "
                        + expected + " (limit " + limit + ", total " + total + ")");
            }
            if (pages == pageNanos.length) {
                pageNanos = Arrays.copyOf(pageNanos, pages * 2);
            }
            pageNanos[pages++] = nanoTicker.getAsLong() - pageStarted;
            records += page.records();
            if (records >= total) {
                break;
            }
        }
        long elapsed = nanoTicker.getAsLong() - started;
        long[] sorted = Arrays.copyOf(pageNanos, pages);
        Arrays.sort(sorted);
        return new Read(records, bytes, pages, elapsed, sorted[pages / 2]);
    }

    /** What one page body held: its record count and, for TimeBack, its {@code totalCount}. */
    private record Page(long records, @Nullable Long totalCount) {}

    private Page parse(URI uri, InputStream body, String wrapper, String[] lastId) {
        try (JsonParser parser = JSON.createParser(body)) {
            expect(uri, parser.nextToken(), JsonToken.START_OBJECT, "the page");
            long records = -1;
            Long totalCount = null;
            for (JsonToken token = next(uri, parser); token != JsonToken.END_OBJECT; token = next(uri, parser)) {
                String name = parser.currentName();
                JsonToken value = next(uri, parser);
                if (wrapper.equals(name)) {
                    expect(uri, value, JsonToken.START_ARRAY, "\"" + wrapper + "\"");
                    records = records(uri, parser, lastId);
                } else if (name.equals("totalCount") && value == JsonToken.VALUE_NUMBER_INT) {
                    totalCount = parser.getLongValue();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new IllegalStateException("GET " + uri + " has data after the JSON object");
            }
            if (records < 0) {
                throw new IllegalStateException("GET " + uri + " has no \"" + wrapper + "\" array");
            }
            return new Page(records, totalCount);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalStateException("GET " + uri + " is not well-formed JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static long records(URI uri, JsonParser parser, String[] lastId) {
        long count = 0;
        for (JsonToken token = next(uri, parser); token != JsonToken.END_ARRAY; token = next(uri, parser)) {
            expect(uri, token, JsonToken.START_OBJECT, "record " + count);
            String id = null;
            for (JsonToken field = next(uri, parser); field != JsonToken.END_OBJECT; field = next(uri, parser)) {
                String name = parser.currentName();
                JsonToken value = next(uri, parser);
                if (value == JsonToken.VALUE_STRING && name.equals("sourcedId")) {
                    id = parser.getString();
                } else {
                    parser.skipChildren();
                }
            }
            if (id == null) {
                throw new IllegalStateException("GET " + uri + ": record " + count + " has no sourcedId");
            }
            if (id.compareTo(lastId[0]) <= 0) {
                throw new IllegalStateException("GET " + uri + ": record " + count + " has sourcedId " + id
                        + ", not after the previous " + lastId[0] + " (a record repeated or out of order)");
            }
            lastId[0] = id;
            count++;
        }
        return count;
    }

    private long totalOf(URI uri, HttpResponse<?> response, Page page) {
        if (totalInBody) {
            if (page.totalCount() == null) {
                throw new IllegalStateException("GET " + uri + " has no totalCount in the body");
            }
            return page.totalCount();
        }
        OptionalLong header = response.headers().firstValueAsLong("X-Total-Count");
        if (header.isEmpty()) {
            throw new IllegalStateException("GET " + uri + " has no X-Total-Count header");
        }
        return header.getAsLong();
    }

    /** The next token, which must exist: the body ended inside the page otherwise. */
    private static JsonToken next(URI uri, JsonParser parser) {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new IllegalStateException("GET " + uri + " ended before the page was complete");
        }
        return token;
    }

    private static void expect(URI uri, @Nullable JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(
                    "GET " + uri + ": " + what + " should start with " + expected + ", but has " + actual);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** Counts the body bytes the parser consumed. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
