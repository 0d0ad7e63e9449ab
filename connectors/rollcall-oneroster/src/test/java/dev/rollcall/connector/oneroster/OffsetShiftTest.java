package dev.rollcall.connector.oneroster;

import static dev.rollcall.connector.oneroster.CannedUpstream.json;
import static dev.rollcall.connector.oneroster.CannedUpstream.param;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.connector.api.Checkpoint;
import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.error.RetriableException;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.connector.api.http.UpstreamResponse;
import dev.rollcall.connector.oneroster.internal.OneRosterConnector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Records that move between offsets while a read goes on (removed or added before the read
 * position): offset paging alone skips or repeats them; the page overlap notices and corrects it,
 * so every record present for the whole read is read, and none twice.
 */
class OffsetShiftTest {

    /** A server over a list of users that the test changes between two pages. */
    private static final class MovingServer {
        final List<String> ids = new ArrayList<>();
        List<String> lastPage = List.of();
        Consumer<List<String>> betweenPages = ids -> {};
        final CannedUpstream upstream;

        MovingServer(int count) {
            IntStream.range(0, count).forEach(i -> ids.add("u-%03d".formatted(i)));
            // One request at a time, like a server whose data moves between the pages it serves (the
            // reader fetches the next page ahead while a read is still on the one before).
            upstream = new CannedUpstream(request -> serve(request));
        }

        private synchronized UpstreamResponse serve(UpstreamRequest request) {
            {
                int limit = Integer.parseInt(param(request, "limit"));
                int offset = Integer.parseInt(param(request, "offset"));
                List<String> page =
                        List.copyOf(ids.subList(Math.min(offset, ids.size()), Math.min(offset + limit, ids.size())));
                lastPage = page;
                String body = "{\"users\":["
                        + String.join(
                                ",", page.stream().map(CannedUpstream::user).toList()) + "]}";
                Map<String, List<String>> headers = Map.of("X-Total-Count", List.of(Integer.toString(ids.size())));
                var answer = json(200, body, headers);
                betweenPages.accept(ids);
                return answer;
            }
        }
    }

    private static List<String> readAll(OneRosterConnector connector, int pageSize) throws Exception {
        List<String> read = new ArrayList<>();
        ReadRequest request = ReadRequest.full("users", null, pageSize);
        for (int i = 0; i < 1000; i++) {
            Page page = connector.read(request);
            page.records().stream().map(SourceRecord::externalId).forEach(read::add);
            if (page.last()) {
                return read;
            }
            request = new ReadRequest("users", request.mode(), page.next(), null, pageSize);
        }
        throw new AssertionError("no last page after 1000");
    }

    private static Map<String, Object> config(int overlap) {
        Map<String, Object> config = CannedUpstream.config("oneroster-1.2");
        config.put("pageOverlap", overlap);
        return config;
    }

    @Test
    void recordsRemovedBeforeTheReadPositionDoNotMakeItSkipAny() throws Exception {
        MovingServer server = new MovingServer(100);
        Set<String> removed = new LinkedHashSet<>();
        server.betweenPages = ids -> {
            for (int i = 0; i < 2; i++) { // two records already read leave after every page
                removed.add(ids.remove(0));
            }
        };
        List<String> read = readAll(server.upstream.open(config(3)), 20);
        assertThat(read).doesNotHaveDuplicates();
        assertThat(read).containsAll(server.ids);
        assertThat(read).hasSize(100);
    }

    @Test
    void withoutTheOverlapTheSameRemovalsSkipRecords() throws Exception {
        MovingServer server = new MovingServer(100);
        server.betweenPages = ids -> {
            ids.remove(0);
            ids.remove(0);
        };
        List<String> read = readAll(server.upstream.open(config(0)), 20);
        // the failure the overlap exists for: records still there were never read
        assertThat(server.ids).isNotEmpty().anyMatch(id -> !read.contains(id));
    }

    @Test
    void recordsAddedBeforeTheReadPositionAreNotReadTwice() throws Exception {
        MovingServer server = new MovingServer(60);
        int[] added = {0};
        server.betweenPages = ids -> ids.add(0, "u-new-" + added[0]++); // sorts before every u-0nn
        List<String> read = readAll(server.upstream.open(config(2)), 15);
        assertThat(read).doesNotHaveDuplicates();
        assertThat(read)
                .containsAll(IntStream.range(0, 60)
                        .mapToObj(i -> "u-%03d".formatted(i))
                        .toList());
    }

    @Test
    void recordsMovedFurtherThanTheOverlapAreFoundFurtherBackAndNothingIsSkipped() throws Exception {
        MovingServer server = new MovingServer(80);
        int[] pages = {0};
        server.betweenPages = ids -> {
            if (pages[0]++ == 1) {
                ids.subList(0, 10).clear(); // after the second page: ten records before the position go
            }
        };
        List<String> read = readAll(server.upstream.open(config(2)), 20);
        assertThat(read).doesNotHaveDuplicates();
        assertThat(read).containsAll(server.ids);
        // looked back for the anchors instead of reading everything again
        assertThat(server.upstream.requests.stream().skip(1).map(request -> param(request, "offset")))
                .doesNotContain("0");
    }

    @Test
    void whenTheRecordsReadLastAreThemselvesRemovedTheReadStartsOverAndSkipsNothing() throws Exception {
        MovingServer server = new MovingServer(80);
        int[] pages = {0};
        server.betweenPages = ids -> {
            if (pages[0]++ == 1) {
                ids.removeAll(server.lastPage); // the page just read, anchors included, goes
            }
        };
        List<String> read = readAll(server.upstream.open(config(2)), 20);
        assertThat(new LinkedHashSet<>(read)).containsAll(server.ids);
        assertThat(server.upstream.requests.stream().skip(1).map(request -> param(request, "offset")))
                .as("the start-over")
                .contains("0");
    }

    @Test
    void aCollectionThatKeepsMovingFailsTheReadRatherThanSkipRecords() throws Exception {
        MovingServer server = new MovingServer(200);
        int[] next = {1000};
        server.betweenPages = ids -> { // every page read is replaced by as many new records at the end
            ids.removeAll(server.lastPage);
            server.lastPage.forEach(gone -> ids.add("u-" + next[0]++));
        };
        assertThatThrownBy(() -> readAll(server.upstream.open(config(2)), 20))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("kept changing");
    }

    @Test
    void anchorsSurviveTheCheckpointWhateverTheirCharacters() throws Exception {
        MovingServer server = new MovingServer(0);
        server.ids.addAll(List.of("a&b=c", "d,e", "f%g", "h i", "j'k", "l"));
        OneRosterConnector connector = server.upstream.open(config(1));
        Page first = connector.read(ReadRequest.full("users", null, 4));
        assertThat(first.next()).isNotNull();
        Checkpoint next = new Checkpoint(first.next().value());
        // a new instance resumes from the checkpoint: it finds the anchor and reads only the rest
        Page rest = server.upstream.open(config(1)).read(ReadRequest.full("users", next, 4));
        assertThat(rest.records()).extracting(SourceRecord::externalId).containsExactly("j'k", "l");
    }
}
