package dev.rollcall.bench.simulator;

/**
 * One complete, verified read of a collection.
 *
 * @param records records received (equal to the server's total, or the read failed)
 * @param bytes response body bytes received
 * @param pages requests made
 * @param nanos wall time of the whole read
 * @param medianPageNanos wall time of the median page, request to last byte parsed
 */
public record Read(long records, long bytes, int pages, long nanos, long medianPageNanos) {

    public double recordsPerSecond() {
        return records * 1e9 / Math.max(1, nanos);
    }

    /** Decimal megabytes (10^6 bytes) per second. */
    public double megabytesPerSecond() {
        return bytes / 1e6 * 1e9 / Math.max(1, nanos);
    }

    public double millisPerPage() {
        return medianPageNanos / 1e6;
    }
}
