package dev.rollcall.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * The body of a response whose length is not known in advance. The first {@code cap} bytes are
 * held: an answer that fits is sent with its {@code Content-Length} in one write when the stream is
 * closed; a longer one switches to chunked transfer and is sent as it is produced, so memory stays
 * bounded by {@code cap} whatever the page size.
 *
 * <p>Why not always chunked: the JDK's HTTP server cuts a chunked body into 4 KiB chunks, which
 * costs both ends far more per byte than one large write (the {@code simulator} benchmark measured
 * it: BENCHMARKS.md).
 *
 * <p>The held bytes are kept in a buffer taken from a small pool and given back once sent: a page of
 * 3,000 enrollments is 1.1 MB, and a buffer grown by doubling for each response was 1.7 GB of
 * garbage over the {@code large} benchmark's full sync, three of its arrays a page large enough
 * (half a G1 region or more) to be allocated straight into the old generation.
 *
 * <p>The status and the other headers must be set before the first byte is written past the cap,
 * and before {@link #close}. Not thread-safe: one handler thread writes it.
 */
final class ResponseBody extends OutputStream {

    private static final int INITIAL = 64 * 1024;

    /** Buffers kept for the next responses: at most {@value #POOLED}, each of at most {@value #KEPT} bytes. */
    private static final int POOLED = 4;

    private static final int KEPT = 4 * 1024 * 1024;

    private static final ArrayBlockingQueue<byte[]> POOL = new ArrayBlockingQueue<>(POOLED);

    private final HttpExchange exchange;
    private final int status;
    private final int cap;
    private byte @Nullable [] held = buffer();
    private int count;
    private @Nullable OutputStream chunked;
    private boolean closed;

    ResponseBody(HttpExchange exchange, int status, int cap) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        if (cap < 0) {
            throw new IllegalArgumentException("cap must not be negative, but was " + cap);
        }
        this.status = status;
        this.cap = cap;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (closed) {
            throw new IOException("the response body is closed");
        }
        if (chunked != null) {
            chunked.write(bytes, offset, length);
            return;
        }
        byte[] held = Objects.requireNonNull(this.held);
        if ((long) count + length > cap) {
            OutputStream started = new BufferedOutputStream(startChunked(), INITIAL);
            chunked = started;
            started.write(held, 0, count);
            release();
            started.write(bytes, offset, length);
            return;
        }
        if (count + length > held.length) {
            held = Arrays.copyOf(held, (int) Math.min(cap, Math.max((long) held.length * 2, count + length)));
            this.held = held;
        }
        System.arraycopy(bytes, offset, held, count, length);
        count += length;
    }

    private OutputStream startChunked() throws IOException {
        exchange.sendResponseHeaders(status, 0);
        return exchange.getResponseBody();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (chunked != null) {
            chunked.close();
            return;
        }
        try {
            exchange.sendResponseHeaders(status, count == 0 ? -1 : count);
            try (OutputStream out = exchange.getResponseBody()) {
                if (count > 0) {
                    out.write(Objects.requireNonNull(held), 0, count);
                }
            }
        } finally {
            release();
        }
    }

    private static byte[] buffer() {
        byte[] pooled = POOL.poll();
        return pooled != null ? pooled : new byte[INITIAL];
    }

    /** Gives the buffer back (once its bytes are sent): to the pool, unless it is outsized or the pool is full. */
    private void release() {
        byte[] buffer = held;
        held = null;
        if (buffer != null && buffer.length <= KEPT) {
            POOL.offer(buffer);
        }
    }
}
