package dev.rollcall.connector.oneroster;

import static dev.rollcall.connector.oneroster.CannedUpstream.json;
import static dev.rollcall.connector.oneroster.CannedUpstream.param;
import static dev.rollcall.connector.oneroster.CannedUpstream.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.connector.api.Checkpoint;
import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.error.ConfigurationException;
import dev.rollcall.connector.api.error.RetriableException;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.connector.oneroster.internal.OneRosterConnector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Paging that adapts to the server, against canned answers. */
class PagingTest {

    /** A server with {@code total} users that hands out at most {@code max} per page, total in headers or body. */
    private static CannedUpstream server(int total, int max, boolean totalInBody, boolean sendTotal) {
        return new CannedUpstream(request -> {
            int limit = Integer.parseInt(param(request, "limit"));
            int offset = Integer.parseInt(param(request, "offset"));
            int count = Math.max(0, Math.min(Math.min(limit, max), total - offset));
            String extra = totalInBody && sendTotal ? "\"totalCount\":" + total : "";
            Map<String, List<String>> headers =
                    !totalInBody && sendTotal ? Map.of("X-Total-Count", List.of(Integer.toString(total))) : Map.of();
            return json(200, users(offset, count, extra), headers);
        });
    }

    private static List<Page> readAll(OneRosterConnector connector, ReadRequest first) throws Exception {
        List<Page> pages = new ArrayList<>();
        ReadRequest request = first;
        for (int i = 0; i < 1000; i++) {
            Page page = connector.read(request);
            pages.add(page);
            if (page.last()) {
                return pages;
            }
            request = new ReadRequest(first.stream(), first.mode(), page.next(), first.since(), first.pageSize());
        }
        throw new AssertionError("no last page after 1000");
    }

    private static List<String> ids(List<Page> pages) {
        return pages.stream()
                .flatMap(page -> page.records().stream())
                .map(SourceRecord::externalId)
                .toList();
    }

    private static List<String> expectedIds(int total) {
        return java.util.stream.IntStream.range(0, total)
                .mapToObj(i -> "u-" + i)
                .toList();
    }

    @Test
    void aServerMaximumBelowTheLimitAskedLosesNothingAndIsRemembered() throws Exception {
        CannedUpstream upstream = server(95, 20, false, true);
        List<Page> pages =
                readAll(upstream.open(CannedUpstream.config("oneroster-1.2")), ReadRequest.full("users", null, 50));
        assertThat(ids(pages)).containsExactlyElementsOf(expectedIds(95));
        assertThat(pages.size()).isEqualTo(5);
        // after the first short page, the connector asks for what the server hands out
        assertThat(upstream.requests.stream().map(request -> param(request, "limit")))
                .containsExactly("50", "20", "20", "20", "20");
        assertThat(pages.getFirst().totalCount()).isEqualTo(95L);
    }

    @Test
    void totalInTheBodyIsReadAsWellAsInHeaders() throws Exception {
        CannedUpstream upstream = server(73, 3000, true, true);
        List<Page> pages =
                readAll(upstream.open(CannedUpstream.config("timeback")), ReadRequest.full("users", null, 25));
        assertThat(ids(pages)).containsExactlyElementsOf(expectedIds(73));
        assertThat(pages.size()).isEqualTo(3);
        assertThat(upstream.requests.getFirst().uri().getPath())
                .as("TimeBack writes collection paths with a trailing slash")
                .isEqualTo("/ims/oneroster/rostering/v1p2/users/");
    }

    @Test
    void withoutAnyTotalAShortPageDoesNotEndTheReadAnEmptyPageDoes() throws Exception {
        CannedUpstream upstream = server(45, 10, false, false);
        List<Page> pages =
                readAll(upstream.open(CannedUpstream.config("oneroster-1.2")), ReadRequest.full("users", null, 30));
        assertThat(ids(pages)).containsExactlyElementsOf(expectedIds(45));
        assertThat(pages.getLast().records()).isEmpty();
    }

    @Test
    void aLinkHeaderWithoutNextEndsTheRead() throws Exception {
        CannedUpstream upstream = new CannedUpstream(request -> json(
                200,
                users(0, 2, ""),
                Map.of(
                        "Link",
                        List.of("</users?limit=2&offset=0>; rel=\"first\", </users?limit=2&offset=0>; rel=\"last\""))));
        Page page = upstream.open(CannedUpstream.config("oneroster-1.2")).read(ReadRequest.full("users", null, 2));
        assertThat(page.last()).isTrue();
        assertThat(page.records()).hasSize(2);
    }

    @Test
    void anEmptyPageWhileTheTotalSaysMoreRemainIsRetriedNotTakenAsTheEnd() throws Exception {
        CannedUpstream upstream =
                new CannedUpstream(request -> json(200, users(0, 0, ""), Map.of("X-Total-Count", List.of("500"))));
        OneRosterConnector connector = upstream.open(CannedUpstream.config("oneroster-1.2"));
        Checkpoint middle = new Checkpoint("v=1&m=full&o=200&t=500&l=0");
        assertThatThrownBy(() -> connector.read(ReadRequest.full("users", middle, 100)))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("offset 200")
                .hasMessageContaining("500");
    }

    @Test
    void aCheckpointResumesInANewInstanceWhereTheReadStopped() throws Exception {
        CannedUpstream first = server(60, 1000, false, true);
        Page page = first.open(CannedUpstream.config("oneroster-1.2")).read(ReadRequest.full("users", null, 25));
        CannedUpstream second = server(60, 1000, false, true);
        List<Page> rest = readAll(
                second.open(CannedUpstream.config("oneroster-1.2")),
                ReadRequest.full("users", new Checkpoint(page.next().value()), 25));
        List<String> all = new ArrayList<>(ids(List.of(page)));
        all.addAll(ids(rest));
        assertThat(all).containsExactlyElementsOf(expectedIds(60));
        // the next record is the 26th; the page asks again for the last one read (a page overlap of 1)
        assertThat(param(second.requests.getFirst(), "offset")).isEqualTo("24");
    }

    @Test
    void deltaAsksForRecordsModifiedAtOrAfterTheWatermarkAndKeepsItInTheCheckpoint() throws Exception {
        CannedUpstream upstream = server(30, 1000, false, true);
        Instant since = Instant.parse("2025-09-01T10:15:30.250Z");
        Page page =
                upstream.open(CannedUpstream.config("oneroster-1.2")).read(ReadRequest.delta("users", since, null, 10));
        assertThat(param(upstream.requests.getFirst(), "filter"))
                .isEqualTo("dateLastModified>='2025-09-01T10:15:30.250Z'");
        assertThat(page.next().value()).contains("m=delta").contains("s=2025-09-01T10:15:30.250Z");
        assertThat(upstream.requests.getFirst().priority()).isEqualTo(UpstreamRequest.Priority.DELTA_SYNC);
    }

    @Test
    void aConfiguredFilterAndFieldSelectionGoIntoEveryRequest() throws Exception {
        CannedUpstream upstream = server(5, 1000, false, true);
        Map<String, Object> config = CannedUpstream.config("oneroster-1.2");
        config.put("filter.users", "status='active'");
        config.put("fields.users", "givenName,familyName,roles,enabledUser");
        upstream.open(config).read(ReadRequest.delta("users", Instant.parse("2025-01-01T00:00:00Z"), null, 10));
        UpstreamRequest request = upstream.requests.getFirst();
        assertThat(param(request, "filter")).isEqualTo("status='active' AND dateLastModified>='2025-01-01T00:00:00Z'");
        assertThat(param(request, "fields"))
                .isEqualTo("sourcedId,status,dateLastModified,givenName,familyName,roles,enabledUser");
    }

    @Test
    void parallelPagesFetchTheKnownRemainderAtOnceAndLoseNothing() throws Exception {
        CannedUpstream upstream = server(230, 1000, false, true);
        Map<String, Object> config = CannedUpstream.config("oneroster-1.2");
        config.put("parallelPages", 4);
        config.put("pageOverlap", 0);
        List<Page> pages = readAll(upstream.open(config), ReadRequest.full("users", null, 20));
        assertThat(ids(pages)).containsExactlyElementsOf(expectedIds(230));
        // page 1 alone (the total is not known yet), then up to 4 pages per read: 20 + 80 + 80 + 50
        assertThat(pages.size()).isEqualTo(4);
        assertThat(upstream.requests.size()).isEqualTo(1 + 4 + 4 + 3);
    }

    @Test
    void parallelPagesStopAtAShortPageSoThatNoGapIsLeft() throws Exception {
        // the server's maximum (15) is below the page size asked (20), so parallel pages come back short
        CannedUpstream upstream = server(100, 15, false, true);
        Map<String, Object> config = CannedUpstream.config("oneroster-1.2");
        config.put("parallelPages", 3);
        List<Page> pages = readAll(upstream.open(config), ReadRequest.full("users", null, 20));
        assertThat(ids(pages)).containsExactlyElementsOf(expectedIds(100));
    }

    @Test
    void aCheckpointFromAnotherConnectorIsAConfigurationError() throws Exception {
        OneRosterConnector connector = server(5, 100, false, true).open(CannedUpstream.config("oneroster-1.2"));
        assertThatThrownBy(() -> connector.read(ReadRequest.full("users", new Checkpoint("pageToken=abc"), 10)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("checkpoint");
        assertThatThrownBy(() -> connector.read(
                        ReadRequest.delta("users", Instant.EPOCH, new Checkpoint("v=1&m=full&o=5&t=9&l=0"), 10)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("FULL");
    }
}
