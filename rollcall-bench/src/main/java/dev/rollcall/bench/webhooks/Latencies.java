package dev.rollcall.bench.webhooks;

import java.util.Arrays;

/** Latencies in nanoseconds, appended by one thread; merged and sorted for percentiles. */
final class Latencies {

    private long[] values = new long[1 << 16];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int size() {
        return size;
    }

    static long[] merged(Iterable<Latencies> all) {
        int total = 0;
        for (Latencies latencies : all) {
            total += latencies.size;
        }
        long[] merged = new long[total];
        int at = 0;
        for (Latencies latencies : all) {
            System.arraycopy(latencies.values, 0, merged, at, latencies.size);
            at += latencies.size;
        }
        Arrays.sort(merged);
        return merged;
    }

    /** The {@code p}-th percentile (0–100) of sorted values, in milliseconds. */
    static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
    }
}
