package dev.rollcall.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResponseBodyTest {

    @Test
    void aBodyWithinTheCapIsSentWithItsLengthInOneWrite() throws IOException {
        RecordingExchange exchange = new RecordingExchange();
        byte[] body = bytes(5_000);

        try (ResponseBody out = new ResponseBody(exchange, 200, 10_000)) {
            out.write(body, 0, 3_000);
            out.write(body, 3_000, 2_000);
            assertThat(exchange.sentLength).as("nothing is sent before close").isNull();
        }

        assertThat(exchange.status).isEqualTo(200);
        assertThat(exchange.sentLength).isEqualTo(5_000L);
        assertThat(exchange.writes).containsExactly(5_000);
        assertThat(exchange.body.toByteArray()).isEqualTo(body);
        assertThat(exchange.bodyClosed).isTrue();
    }

    @Test
    void aBodyPastTheCapGoesOutChunkedWithEveryByteInOrder() throws IOException {
        RecordingExchange exchange = new RecordingExchange();
        byte[] body = bytes(300_000);

        try (ResponseBody out = new ResponseBody(exchange, 200, 100_000)) {
            for (int offset = 0; offset < body.length; offset += 7_000) {
                out.write(body, offset, Math.min(7_000, body.length - offset));
            }
            assertThat(exchange.sentLength)
                    .as("chunked as soon as the cap is passed")
                    .isEqualTo(0L);
        }

        assertThat(exchange.body.toByteArray()).isEqualTo(body);
        assertThat(exchange.bodyClosed).isTrue();
    }

    @Test
    void anEmptyBodyIsSentWithoutOne() throws IOException {
        RecordingExchange exchange = new RecordingExchange();

        new ResponseBody(exchange, 204, 100).close();

        assertThat(exchange.status).isEqualTo(204);
        assertThat(exchange.sentLength).isEqualTo(-1L);
        assertThat(exchange.body.size()).isZero();
    }

    @Test
    void singleBytesAndWritesAfterCloseAreHandled() throws IOException {
        RecordingExchange exchange = new RecordingExchange();
        ResponseBody out = new ResponseBody(exchange, 200, 2);
        out.write('a');
        out.write('b');
        out.write('c');
        out.close();
        out.close();

        assertThat(exchange.body.toString()).isEqualTo("abc");
        assertThatThrownBy(() -> out.write('d')).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> new ResponseBody(exchange, 200, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cap");
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    /** An exchange that records what the server would send. */
    private static final class RecordingExchange extends HttpExchange {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final List<Integer> writes = new ArrayList<>();
        Integer status;
        Long sentLength;
        boolean bodyClosed;
        private final Headers responseHeaders = new Headers();

        @Override
        public void sendResponseHeaders(int code, long length) throws IOException {
            if (sentLength != null) {
                throw new IOException("headers already sent");
            }
            status = code;
            sentLength = length;
        }

        @Override
        public OutputStream getResponseBody() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    if (sentLength == null) {
                        throw new IOException("body written before the headers");
                    }
                    writes.add(length);
                    body.write(bytes, offset, length);
                }

                @Override
                public void close() {
                    bodyClosed = true;
                }
            };
        }

        @Override
        public Headers getRequestHeaders() {
            return new Headers();
        }

        @Override
        public Headers getResponseHeaders() {
            return responseHeaders;
        }

        @Override
        public URI getRequestURI() {
            return URI.create("/");
        }

        @Override
        public String getRequestMethod() {
            return "GET";
        }

        @Override
        public HttpContext getHttpContext() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}

        @Override
        public InputStream getRequestBody() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return new InetSocketAddress("127.0.0.1", 1);
        }

        @Override
        public int getResponseCode() {
            return status == null ? -1 : status;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return new InetSocketAddress("127.0.0.1", 2);
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }

        @Override
        public void setAttribute(String name, Object value) {}

        @Override
        public void setStreams(InputStream in, OutputStream out) {}

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }
}
