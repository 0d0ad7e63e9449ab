package dev.rollcall.connector.api.http;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The bytes of an upstream's answer, kept as the gateway received them: in segments of at most
 * {@value #SEGMENT} bytes, not one array. A page of a roster API is a megabyte or more (3,000
 * enrollments are 1.1 MB), and one array that large is a humongous object for G1 (half a region or
 * more; regions are 1 MiB in a 512 MiB heap): allocated straight into the old generation, each one
 * may start a concurrent marking cycle. A sync reads hundreds of such pages; measured on the {@code
 * large} benchmark with a compact record index, the no-change resync started 138 marking cycles
 * and took 15.4 s with page-sized arrays, 11.9 s without them.
 *
 * <p>Immutable, as long as nobody writes into the arrays it was made from; safe to share.
 */
public final class UpstreamBody {

    /** The most bytes a segment holds: a quarter of the smallest G1 region, so never humongous. */
    public static final int SEGMENT = 256 * 1024;

    private static final UpstreamBody EMPTY = new UpstreamBody(new byte[][] {new byte[0]}, new int[] {0, 0});

    private final byte[][] segments;
    /** Segment {@code i} holds the bytes {@code [starts[i], starts[i + 1])}; the last start is the length. */
    private final int[] starts;

    private UpstreamBody(byte[][] segments, int[] starts) {
        this.segments = segments;
        this.starts = starts;
    }

    /** A body of these bytes (the array is taken, not copied). */
    public static UpstreamBody of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new UpstreamBody(new byte[][] {bytes}, new int[] {0, bytes.length});
    }

    /**
     * A body of the first {@code lengths[i]} bytes of each segment, in order (the arrays are taken,
     * not copied).
     */
    public static UpstreamBody of(List<byte[]> segments, int[] lengths) {
        if (segments.size() != lengths.length) {
            throw new IllegalArgumentException(segments.size() + " segments but " + lengths.length + " lengths");
        }
        if (segments.isEmpty()) {
            return EMPTY;
        }
        int[] starts = new int[segments.size() + 1];
        for (int i = 0; i < lengths.length; i++) {
            Objects.checkFromIndexSize(0, lengths[i], segments.get(i).length);
            starts[i + 1] = Math.addExact(starts[i], lengths[i]);
        }
        return new UpstreamBody(segments.toArray(byte[][]::new), starts);
    }

    public static UpstreamBody empty() {
        return EMPTY;
    }

    public int length() {
        return starts[starts.length - 1];
    }

    public boolean isEmpty() {
        return length() == 0;
    }

    /** Whether the bytes are one array ({@link #range} of any part is then never a copy). */
    public boolean isOneSegment() {
        return segments.length == 1;
    }

    /** The bytes as one new array: for a small body (an error, a token, a single record). */
    public byte[] toByteArray() {
        if (segments.length == 1 && segments[0].length == length()) {
            return segments[0].clone();
        }
        byte[] all = new byte[length()];
        for (int i = 0; i < segments.length; i++) {
            System.arraycopy(segments[i], 0, all, starts[i], starts[i + 1] - starts[i]);
        }
        return all;
    }

    /** The bytes, read from the segments as they are. */
    public InputStream stream() {
        return new InputStream() {
            private int at;

            @Override
            public int read() {
                if (at >= length()) {
                    return -1;
                }
                int segment = segmentOf(at);
                return segments[segment][at++ - starts[segment]] & 0xFF;
            }

            @Override
            public int read(byte[] into, int offset, int count) {
                Objects.checkFromIndexSize(offset, count, into.length);
                if (count == 0) {
                    return 0;
                }
                if (at >= length()) {
                    return -1;
                }
                int segment = segmentOf(at);
                int n = Math.min(count, starts[segment + 1] - at);
                System.arraycopy(segments[segment], at - starts[segment], into, offset, n);
                at += n;
                return n;
            }

            @Override
            public int available() {
                return length() - at;
            }
        };
    }

    /** Bytes {@code [from, to)} of the body as an array, an offset and a length. */
    public record Range(byte[] array, int offset, int length) {}

    /**
     * Bytes {@code [from, to)}: a view of the segment that holds them all, or a copy when they span
     * two or more (a record cut by a segment's end).
     */
    public Range range(int from, int to) {
        Objects.checkFromToIndex(from, to, length());
        int segment = segmentOf(from);
        if (to <= starts[segment + 1]) {
            return new Range(segments[segment], from - starts[segment], to - from);
        }
        byte[] copy = new byte[to - from];
        int at = from;
        while (at < to) {
            int n = Math.min(to, starts[segment + 1]) - at;
            System.arraycopy(segments[segment], at - starts[segment], copy, at - from, n);
            at += n;
            segment++;
        }
        return new Range(copy, 0, copy.length);
    }

    /** The segment that holds byte {@code at} ({@code at < length()}). */
    private int segmentOf(int at) {
        if (segments.length == 1) {
            return 0;
        }
        int found = Arrays.binarySearch(starts, at);
        int segment = found >= 0 ? found : -found - 2;
        while (starts[segment + 1] == at) { // an empty segment ends where the next begins
            segment++;
        }
        return segment;
    }
}
