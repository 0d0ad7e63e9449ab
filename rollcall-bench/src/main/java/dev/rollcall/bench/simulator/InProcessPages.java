package dev.rollcall.bench.simulator;

import dev.rollcall.simulator.SimulatedRoster;
import dev.rollcall.simulator.http.Dialect;
import dev.rollcall.simulator.http.PageWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The baseline of the {@code simulator} benchmark: the same pages produced in-process without HTTP,
 * by the code the simulator's rostering handler uses ({@link PageWriter} over {@link
 * PageWriter.PageRecords#positions}), written to a stream that counts and discards the bytes.
 * Verifies that each page holds the records it should.
 *
 * <p>Not thread-safe; one read at a time.
 */
public final class InProcessPages {

    private final SimulatedRoster roster;
    private final PageWriter writer;
    private final LongSupplier nanoTicker;

    public InProcessPages(SimulatedRoster roster, Dialect dialect, LongSupplier nanoTicker) {
        this.roster = Objects.requireNonNull(roster, "roster");
        this.writer = new PageWriter(dialect);
        this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
    }

    /**
     * Produces every page of {@code collection} at {@code limit}, as {@code GET /{collection}?limit=
     * &offset=} would answer them.
     *
     * @throws IllegalStateException when a page holds fewer or more records than it should, or the
     *     collection does not hold {@code expectedTotal}
     */
    public Read produceAll(String collection, int limit, long expectedTotal) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, but was " + limit);
        }
        if (!roster.positional(collection)) {
            throw new IllegalStateException(collection + " had records removed or written under foreign ids: "
                    + "pages are no longer a range of positions");
        }
        long total = roster.size(collection);
        if (total != expectedTotal) {
            throw new IllegalStateException(
                    collection + " holds " + total + " records; the benchmark expected " + expectedTotal);
        }
        DiscardingStream out = new DiscardingStream();
        long[] pageNanos = new long[(int) Math.max(1, (total + limit - 1) / limit)];
        int pages = 0;
        long records = 0;
        long started = nanoTicker.getAsLong();
        do {
            long pageStarted = nanoTicker.getAsLong();
            int offset = (int) records;
            int end = (int) Math.min(total, (long) offset + limit);
            long written = writer.writePage(
                    out,
                    collection,
                    PageWriter.PageRecords.positions(roster, collection, offset, end),
                    null,
                    total,
                    limit,
                    offset);
            if (written != end - offset) {
                throw new IllegalStateException("the page at offset " + offset + " of " + collection + " held "
                        + written + " records; expected " + (end - offset));
            }
            pageNanos[pages++] = nanoTicker.getAsLong() - pageStarted;
            records += written;
        } while (records < total);
        long elapsed = nanoTicker.getAsLong() - started;
        long[] sorted = Arrays.copyOf(pageNanos, pages);
        Arrays.sort(sorted);
        return new Read(records, out.count, pages, elapsed, sorted[pages / 2]);
    }

    private static final class DiscardingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            count += length;
        }
    }
}
