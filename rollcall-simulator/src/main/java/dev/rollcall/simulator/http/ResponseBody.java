package dev.rollcall.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

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
 * <p>The status and the other headers must be set before the first byte is written past the cap,
 * and before {@link #close}. Not thread-safe: one handler thread writes it.
 */
final class ResponseBody extends OutputStream {

    private static final int INITIAL = 64 * 1024;

    private final HttpExchange exchange;
    private final int status;
    private final int cap;
    private byte[] held = new byte[INITIAL];
    private int count;
    private OutputStream chunked;
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
        if ((long) count + length > cap) {
            chunked = new BufferedOutputStream(startChunked(), INITIAL);
            chunked.write(held, 0, count);
            held = null;
            chunked.write(bytes, offset, length);
            return;
        }
        if (count + length > held.length) {
            held = Arrays.copyOf(held, (int) Math.min(cap, Math.max((long) held.length * 2, count + length)));
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
        exchange.sendResponseHeaders(status, count == 0 ? -1 : count);
        try (OutputStream out = exchange.getResponseBody()) {
            if (count > 0) {
                out.write(held, 0, count);
            }
        }
        held = null;
    }
}
