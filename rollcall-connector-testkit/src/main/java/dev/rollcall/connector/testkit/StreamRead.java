package dev.rollcall.connector.testkit;

import dev.rollcall.connector.api.Checkpoint;
import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.RecordError;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.json.Checksum;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A whole read of one stream, page by page, as the engine does it: a retriable failure is retried
 * with the same request (up to a bound), any other failure ends the read. Bounded in pages, so a
 * connector that never says "last" fails the test instead of hanging it.
 *
 * @param pages every page, in order
 * @param retries how many page requests were retried
 */
public record StreamRead(List<Page> pages, int retries) {

    /** Reads from {@code first} until the last page. */
    public static StreamRead of(Connector connector, ReadRequest first, int maxPages, int retriesPerPage)
            throws ConnectorException {
        List<Page> pages = new ArrayList<>();
        int retries = 0;
        ReadRequest request = first;
        while (true) {
            if (pages.size() >= maxPages) {
                throw new AssertionError("stream " + first.stream() + " was not done after " + maxPages
                        + " pages: the connector never returned a last page");
            }
            Page page = null;
            for (int attempt = 1; page == null; attempt++) {
                try {
                    page = connector.read(request);
                } catch (ConnectorException e) {
                    if (!e.isRetriable() || attempt > retriesPerPage) {
                        throw e;
                    }
                    retries++;
                }
            }
            pages.add(page);
            if (page.last()) {
                return new StreamRead(pages, retries);
            }
            request = next(request, page.next());
        }
    }

    private static ReadRequest next(ReadRequest request, @Nullable Checkpoint checkpoint) {
        return new ReadRequest(request.stream(), request.mode(), checkpoint, request.since(), request.pageSize());
    }

    /** Every record, by external id; a record read twice must have the same checksum both times. */
    public Map<String, Checksum> checksums() {
        return checksums(pages);
    }

    static Map<String, Checksum> checksums(List<Page> pages) {
        Map<String, Checksum> byId = new LinkedHashMap<>();
        for (Page page : pages) {
            for (SourceRecord record : page.records()) {
                Checksum checksum = ExpectedDataset.checksumOf(record);
                Checksum before = byId.put(record.externalId(), checksum);
                if (before != null && !before.equals(checksum)) {
                    throw new AssertionError("record " + record.externalId() + " was read twice with different "
                            + "content in one read of an unchanging upstream");
                }
            }
        }
        return byId;
    }

    public List<SourceRecord> records() {
        return pages.stream().flatMap(page -> page.records().stream()).toList();
    }

    public List<RecordError> errors() {
        return pages.stream().flatMap(page -> page.errors().stream()).toList();
    }
}
