package dev.rollcall.store.postgres.sync;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

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
    private static final byte[] UPPER_HEX_DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /** Writes what {@link #json} does not write itself, as Jackson's default mapper does. */
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    static final int CHUNK = 128 * 1024;

    /**
     * Chunks a finished COPY gave back, for the next rows to fill: a first load's pages need some
     * 30 chunks each, alive from the moment a page is encoded until its commit ends, long enough for
     * G1 to copy them to the old generation; reused, they stay there and are no garbage. At most
     * {@value #POOLED} are kept (8 MiB).
     */
    private static final int POOLED = 64;

    private static final ArrayBlockingQueue<byte[]> POOL = new ArrayBlockingQueue<>(POOLED);

    /** At most this many names are kept encoded ({@link #writeName}): a record's own are a handful. */
    private static final int NAMES_KEPT = 256;

    private final Map<String, byte[]> names = new HashMap<>();
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
        append((byte) '"');
        if (!appendPlain(value, false)) {
            appendDoubled(value.getBytes(StandardCharsets.UTF_8));
        }
        append((byte) '"');
        return this;
    }

    /**
     * The JSON text of {@code tree} as one quoted field, written straight into the rows: the same
     * JSON Jackson's default mapper writes (members in the tree's order, no whitespace, the short
     * escapes JSON has, a {@code u00XX} escape for other control characters, everything else as
     * UTF-8), without a generator and a serialisation context per record. What this does not write
     * itself (a floating-point number, a binary or POJO node, a string with a lone surrogate) the
     * mapper writes. A first load writes a million records this way.
     */
    CsvCopy json(JsonNode tree) {
        separate();
        append((byte) '"');
        writeJson(tree);
        append((byte) '"');
        return this;
    }

    private void writeJson(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                append((byte) '{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    if (!first) {
                        append((byte) ',');
                    }
                    first = false;
                    writeName(member.getKey());
                    writeJson(member.getValue());
                }
                append((byte) '}');
            }
            case ARRAY -> {
                append((byte) '[');
                boolean first = true;
                for (JsonNode element : node) {
                    if (!first) {
                        append((byte) ',');
                    }
                    first = false;
                    writeJson(element);
                }
                append((byte) ']');
            }
            case STRING -> writeJsonString(node.stringValue(), node);
            case BOOLEAN -> appendAscii(node.booleanValue() ? "true" : "false");
            case NULL, MISSING -> appendAscii("null");
            case NUMBER -> {
                if (node.isInt() || node.isLong() || node.isShort() || node.isBigInteger() || node.isBigDecimal()) {
                    appendAscii(node.numberValue().toString()); // as the generator writes them
                } else {
                    appendDoubled(MAPPER.writeValueAsBytes(node));
                }
            }
            default -> appendDoubled(MAPPER.writeValueAsBytes(node));
        }
    }

    /**
     * A member's name and its colon, as a quoted JSON string; a record's names are a handful,
     * repeated in every record, so each plain one is encoded once per COPY.
     */
    private void writeName(String name) {
        byte[] encoded = names.get(name);
        if (encoded == null) {
            if (names.size() >= NAMES_KEPT || !plainAscii(name, true)) {
                writeJsonString(name, null);
                append((byte) ':');
                return;
            }
            encoded = ("\"\"" + name + "\"\":").getBytes(StandardCharsets.US_ASCII);
            names.put(name, encoded);
        }
        appendRange(encoded, 0, encoded.length);
    }

    /** A JSON string; {@code node} is the string's node, for the mapper when it is not plain text. */
    private void writeJsonString(String value, @Nullable JsonNode node) {
        append((byte) '"');
        append((byte) '"');
        if (!appendPlain(value, true)) {
            writeEscaped(value, node);
        }
        append((byte) '"');
        append((byte) '"');
    }

    /**
     * Appends the text as it is when it is {@link #plainAscii}, checking and copying it in one pass,
     * and answers whether it did; appends nothing when it is not.
     */
    private boolean appendPlain(String value, boolean json) {
        int n = value.length();
        if (n > CHUNK - length) { // across a chunk's end: check first, then copy in parts
            if (!plainAscii(value, json)) {
                return false;
            }
            appendAscii(value);
            return true;
        }
        byte[] into = rows;
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c == '"' || (json && (c < 0x20 || c == '\\'))) {
                return false; // what was copied is past the end, and is written over
            }
            into[at + i] = (byte) c;
        }
        length = at + n;
        return true;
    }

    private void writeEscaped(String value, @Nullable JsonNode node) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) { // what the mapper writes for it, not the '?' of String.getBytes
                    byte[] text = MAPPER.writeValueAsBytes(node != null ? node : StringNode.valueOf(value));
                    appendDoubled(Arrays.copyOfRange(text, 1, text.length - 1));
                    return;
                }
                escaped.append(c).append(value.charAt(++i));
                continue;
            }
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\b' -> escaped.append("\\b");
                case '\f' -> escaped.append("\\f");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append("\\u00")
                                .append((char) UPPER_HEX_DIGITS[c >> 4])
                                .append((char) UPPER_HEX_DIGITS[c & 0xF]);
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        appendDoubled(escaped.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether every character is ASCII and needs neither CSV's doubling nor (when {@code json}) a
     * JSON escape: then the text's bytes are its characters.
     */
    private static boolean plainAscii(String value, boolean json) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c == '"' || (json && (c < 0x20 || c == '\\'))) {
                return false;
            }
        }
        return true;
    }

    /** ASCII text, each character one byte, copied straight into the chunks. */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): exactly right for ASCII, no copy of its own
    private void appendAscii(String ascii) {
        int from = 0;
        int end = ascii.length();
        while (from < end) {
            if (length == CHUNK) {
                nextChunk();
            }
            int n = Math.min(end - from, CHUNK - length);
            ascii.getBytes(from, from + n, rows, length);
            length += n;
            from += n;
        }
    }

    /** UTF-8 bytes with each {@code "} doubled (a quote is never part of a multi-byte sequence). */
    private void appendDoubled(byte[] bytes) {
        int from = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '"') {
                appendRange(bytes, from, i + 1 - from);
                from = i; // the quote again: doubled
            }
        }
        appendRange(bytes, from, bytes.length - from);
    }

    CsvCopy value(@Nullable Object value) {
        if (value instanceof JsonNode tree) {
            return json(tree);
        }
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

    /** The rows written so far, as they would be copied: to look at them without a database. */
    byte[] toByteArray() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (byte[] chunk : full) {
            bytes.write(chunk, 0, chunk.length);
        }
        bytes.write(rows, 0, length);
        return bytes.toByteArray();
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
