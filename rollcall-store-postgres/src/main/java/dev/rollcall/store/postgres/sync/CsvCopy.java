package dev.rollcall.store.postgres.sync;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Builds rows for PostgreSQL's {@code COPY … FROM STDIN (FORMAT csv)} as UTF-8 bytes and sends them
 * in one call. A null is an unquoted empty field; every value is quoted, so an empty string stays a
 * string. A value written into several COPYs (a record's JSON goes into the roster and the journal)
 * can be quoted once with {@link #quote} and added with {@link #quoted}. The bytes are kept in
 * chunks of {@value #CHUNK} bytes, not one growing array: a page's rows are megabytes, and a single
 * array that large is a humongous object for G1 (over half a region), allocated straight into the
 * old generation, where each one brings the next concurrent marking cycle closer. Not thread-safe;
 * one per statement.
 */
final class CsvCopy {

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    static final int CHUNK = 128 * 1024;

    /**
     * Chunks a finished COPY gave back, for the next rows to fill: a first load's pages need some
     * 30 chunks each, alive from the moment a page is encoded until its commit ends, long enough for
     * G1 to copy them to the old generation; reused, they stay there and are no garbage. At most
     * {@value #POOLED} are kept (8 MiB).
     */
    private static final int POOLED = 64;

    private static final ArrayBlockingQueue<byte[]> POOL = new ArrayBlockingQueue<>(POOLED);

    private final List<byte[]> full = new ArrayList<>();
    private byte[] rows = chunk();
    private boolean copied;
    private int length;
    private boolean rowStarted;
    private long count;

    /** The value as one quoted CSV field: {@code "…"}, with each {@code "} doubled. */
    static byte[] quote(String text) {
        return quote(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #quote(String)} of text already in UTF-8. */
    static byte[] quote(byte[] utf8) {
        int quotes = 0;
        for (byte b : utf8) {
            if (b == '"') { // never part of a multi-byte UTF-8 sequence
                quotes++;
            }
        }
        byte[] field = new byte[utf8.length + quotes + 2];
        int at = 0;
        field[at++] = '"';
        if (quotes == 0) {
            System.arraycopy(utf8, 0, field, at, utf8.length);
            at += utf8.length;
        } else {
            for (byte b : utf8) {
                if (b == '"') {
                    field[at++] = '"';
                }
                field[at++] = b;
            }
        }
        field[at] = '"';
        return field;
    }

    /** A text field, quoted, written straight into the rows (no copy of it is made first). */
    CsvCopy text(@Nullable String value) {
        separate();
        if (value == null) {
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                append(quote(value)); // not ASCII: encode it as UTF-8 first
                return this;
            }
        }
        append((byte) '"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                append((byte) '"');
            }
            append((byte) c);
        }
        append((byte) '"');
        return this;
    }

    /** The JSON form of {@code tree} as one quoted field, written by {@code mapper} straight into the rows. */
    CsvCopy json(tools.jackson.databind.ObjectMapper mapper, tools.jackson.databind.JsonNode tree) {
        separate();
        append((byte) '"');
        mapper.writeValue(quotedStream, tree);
        append((byte) '"');
        return this;
    }

    /** The bytes written to it go into the rows with each {@code "} doubled (CSV quoting). */
    private final OutputStream quotedStream = new OutputStream() {
        @Override
        public void write(int b) {
            if (b == '"') {
                append((byte) '"');
            }
            append((byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int count) {
            int from = offset;
            int end = offset + count;
            for (int i = offset; i < end; i++) {
                if (bytes[i] == '"') { // never part of a multi-byte UTF-8 sequence
                    appendRange(bytes, from, i + 1 - from);
                    from = i; // the quote again: doubled
                }
            }
            appendRange(bytes, from, end - from);
        }
    };

    CsvCopy value(@Nullable Object value) {
        separate();
        if (value instanceof byte[] bytes) {
            byte[] field = new byte[bytes.length * 2 + 4];
            int at = 0;
            field[at++] = '"';
            field[at++] = '\\';
            field[at++] = 'x';
            for (byte b : bytes) {
                field[at++] = HEX_DIGITS[(b >> 4) & 0xF];
                field[at++] = HEX_DIGITS[b & 0xF];
            }
            field[at] = '"';
            append(field);
        } else if (value != null) {
            append(quote(value.toString()));
        }
        return this;
    }

    /** Adds a field {@link #quote} made. */
    CsvCopy quoted(byte[] field) {
        separate();
        append(field);
        return this;
    }

    CsvCopy endRow() {
        append((byte) '\n');
        rowStarted = false;
        count++;
        return this;
    }

    long count() {
        return count;
    }

    /**
     * Copies the rows into {@code table (columns)}; returns the rows copied. Once only: the rows'
     * chunks go back to the pool when it ends, whether it succeeded or not.
     */
    long copyInto(Connection connection, String tableAndColumns) throws SQLException {
        if (copied) {
            throw new IllegalStateException("these rows were copied already");
        }
        try {
            if (count == 0) {
                return 0;
            }
            CopyIn copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy " + tableAndColumns + " from stdin (format csv)");
            try {
                for (byte[] chunk : full) {
                    copy.writeToCopy(chunk, 0, chunk.length);
                }
                copy.writeToCopy(rows, 0, length);
                return copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } finally {
            full.forEach(POOL::offer); // offer: a full pool lets the rest go to the collector
            POOL.offer(rows);
            full.clear();
            rows = new byte[0];
            length = 0;
            copied = true;
        }
    }

    private static byte[] chunk() {
        byte[] pooled = POOL.poll();
        return pooled != null ? pooled : new byte[CHUNK];
    }

    private void separate() {
        if (rowStarted) {
            append((byte) ',');
        }
        rowStarted = true;
    }

    private void append(byte b) {
        if (length == CHUNK) {
            nextChunk();
        }
        rows[length++] = b;
    }

    private void append(byte[] field) {
        appendRange(field, 0, field.length);
    }

    private void appendRange(byte[] bytes, int offset, int count) {
        int from = offset;
        int end = offset + count;
        while (from < end) {
            if (length == CHUNK) {
                nextChunk();
            }
            int n = Math.min(end - from, CHUNK - length);
            System.arraycopy(bytes, from, rows, length, n);
            length += n;
            from += n;
        }
    }

    private void nextChunk() {
        full.add(rows);
        rows = chunk();
        length = 0;
    }
}
