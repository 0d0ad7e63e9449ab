package dev.rollcall.store.postgres.sync;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * Builds rows for PostgreSQL's {@code COPY … FROM STDIN (FORMAT binary)} and sends them in one call.
 * Each row is its field count, then each field as its length and its bytes in the column type's
 * binary form (a null is the length -1): a {@code uuid} its 16 bytes, a {@code bytea} its bytes,
 * {@code text} its UTF-8, a {@code jsonb} a version byte and the JSON text, a {@code timestamptz}
 * its microseconds since 2000, a {@code boolean} one byte, a {@code text[]} the array's binary form.
 *
 * <p>Binary, not CSV, because PostgreSQL then parses nothing but the JSON: no line to scan for
 * quotes, no {@code ""} in every JSON string to undo, no uuid or hex bytea text to decode. Measured
 * on an idle embedded PostgreSQL, a million enrollment rows (every index of {@code
 * roster_enrollment}) took 16.6 and 19.0 s from a binary file against 22.0 and 24.9 s from the same
 * rows as CSV; a million journal entries 5.1 and 6.0 s against 6.3 and 7.2 s.
 *
 * <p>A value written into every row (the tenant, the session) can be encoded once with {@link
 * #encode(UUID)} or {@link #encode(String)} and added with {@link #encoded}. The bytes are kept in
 * chunks of {@value #CHUNK} bytes, not one growing array: a page's rows are megabytes, and a single
 * array that large is a humongous object for G1 (over half a region), allocated straight into the
 * old generation, where each one brings the next concurrent marking cycle closer. Not thread-safe;
 * one per statement.
 */
final class BinaryCopy {

    private static final byte[] HEADER = {
        'P',
        'G',
        'C',
        'O',
        'P',
        'Y',
        '\n',
        (byte) 0xff,
        '\r',
        '\n',
        0, // signature
        0,
        0,
        0,
        0, // flags: no OIDs
        0,
        0,
        0,
        0 // no header extension
    };
    private static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
    private static final byte[] UPPER_HEX_DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte JSONB_VERSION = 1;
    private static final int TEXT_OID = 25;
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix seconds. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    /** Writes what {@link #jsonb} does not write itself, as Jackson's default mapper does. */
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

    private final short fields;
    private final Map<String, byte[]> names = new HashMap<>();
    private final List<byte[]> full = new ArrayList<>();
    private int[] fullLengths = new int[8];
    private byte[] rows = chunk();
    private int length;
    /** The bytes in {@link #full}. */
    private long writtenInFull;

    private boolean copied;
    private int fieldsInRow = -1;
    private long count;

    /** Rows of {@code fields} fields each: as many as the column list of the COPY names. */
    BinaryCopy(int fields) {
        if (fields < 1 || fields > Short.MAX_VALUE) {
            throw new IllegalArgumentException("a row has 1 to 32767 fields, not " + fields);
        }
        this.fields = (short) fields;
    }

    /** A {@code uuid} field, encoded once to be added to many rows with {@link #encoded}. */
    static byte[] encode(UUID value) {
        byte[] field = new byte[20];
        putInt(field, 0, 16);
        putLong(field, 4, value.getMostSignificantBits());
        putLong(field, 12, value.getLeastSignificantBits());
        return field;
    }

    /** A {@code text} field, encoded once to be added to many rows with {@link #encoded}. */
    static byte[] encode(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        byte[] field = new byte[4 + utf8.length];
        putInt(field, 0, utf8.length);
        System.arraycopy(utf8, 0, field, 4, utf8.length);
        return field;
    }

    /** A one-dimensional {@code text[]} field of these elements (none null), encoded once. */
    static byte[] encodeTextArray(List<String> elements) {
        List<byte[]> utf8 = new ArrayList<>(elements.size());
        int size = elements.isEmpty() ? 12 : 20;
        for (String element : elements) {
            byte[] bytes = element.getBytes(StandardCharsets.UTF_8);
            utf8.add(bytes);
            size += 4 + bytes.length;
        }
        byte[] field = new byte[4 + size];
        putInt(field, 0, size);
        putInt(field, 4, elements.isEmpty() ? 0 : 1); // dimensions (an empty array has none)
        putInt(field, 8, 0); // no nulls
        putInt(field, 12, TEXT_OID);
        int at = 16;
        if (!elements.isEmpty()) {
            putInt(field, 16, elements.size());
            putInt(field, 20, 1); // lower bound
            at = 24;
        }
        for (byte[] bytes : utf8) {
            putInt(field, at, bytes.length);
            System.arraycopy(bytes, 0, field, at + 4, bytes.length);
            at += 4 + bytes.length;
        }
        return field;
    }

    /** Adds a field {@link #encode} made. */
    BinaryCopy encoded(byte[] field) {
        startField();
        appendRange(field, 0, field.length);
        return this;
    }

    BinaryCopy uuid(@Nullable UUID value) {
        if (startNullable(value)) {
            appendInt(16);
            appendLong(value.getMostSignificantBits());
            appendLong(value.getLeastSignificantBits());
        }
        return this;
    }

    BinaryCopy text(@Nullable String value) {
        if (!startNullable(value)) {
            return this;
        }
        if (ascii(value)) { // nearly always: its characters are its bytes, copied without a copy of their own
            appendInt(value.length());
            appendAscii(value);
        } else {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            appendInt(utf8.length);
            appendRange(utf8, 0, utf8.length);
        }
        return this;
    }

    /** A {@code bytea} field. */
    BinaryCopy bytes(byte @Nullable [] value) {
        if (startNullable(value)) {
            appendInt(value.length);
            appendRange(value, 0, value.length);
        }
        return this;
    }

    BinaryCopy bool(@Nullable Boolean value) {
        if (startNullable(value)) {
            appendInt(1);
            append((byte) (value ? 1 : 0));
        }
        return this;
    }

    /** A {@code timestamptz} field: microseconds since 2000-01-01 UTC, the nanoseconds rounded as PostgreSQL's text input rounds them. */
    BinaryCopy timestamp(@Nullable Instant value) {
        if (startNullable(value)) {
            long micros = Math.addExact(
                    Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
                    (long) Math.rint(value.getNano() / 1000.0));
            appendInt(8);
            appendLong(micros);
        }
        return this;
    }

    /**
     * A {@code jsonb} field: the JSON text of {@code tree} written straight into the rows, the same
     * JSON Jackson's default mapper writes (members in the tree's order, no whitespace, the short
     * escapes JSON has, a {@code u00XX} escape for other control characters, everything else as
     * UTF-8), without a generator and a serialisation context per record. What this does not write
     * itself (a floating-point number, a binary or POJO node, a string with a lone surrogate) the
     * mapper writes. A first load writes a million records this way.
     */
    BinaryCopy jsonb(@Nullable JsonNode tree) {
        if (!startNullable(tree)) {
            return this;
        }
        if (CHUNK - length < 4) { // the length is written once the JSON is: keep its place in one chunk
            nextChunk();
        }
        byte[] lengthChunk = rows;
        int lengthAt = length;
        length += 4;
        long start = position();
        append(JSONB_VERSION);
        writeJson(tree);
        putInt(lengthChunk, lengthAt, Math.toIntExact(position() - start));
        return this;
    }

    /** Ends the row; it must have as many fields as the constructor was told. */
    BinaryCopy endRow() {
        if (fieldsInRow != fields) {
            throw new IllegalStateException(
                    "a row of this COPY has " + fields + " fields, not " + Math.max(fieldsInRow, 0));
        }
        fieldsInRow = -1;
        count++;
        return this;
    }

    long count() {
        return count;
    }

    /** The bytes {@link #copyInto} sends (header, rows, trailer): to look at them without a database. */
    byte[] toByteArray() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes(HEADER);
        for (int i = 0; i < full.size(); i++) {
            bytes.write(full.get(i), 0, fullLengths[i]);
        }
        bytes.write(rows, 0, length);
        bytes.writeBytes(TRAILER);
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
        if (fieldsInRow >= 0) {
            throw new IllegalStateException("the last row was not ended");
        }
        try {
            if (count == 0) {
                return 0;
            }
            CopyIn copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy " + tableAndColumns + " from stdin (format binary)");
            try {
                copy.writeToCopy(HEADER, 0, HEADER.length);
                for (int i = 0; i < full.size(); i++) {
                    copy.writeToCopy(full.get(i), 0, fullLengths[i]);
                }
                copy.writeToCopy(rows, 0, length);
                copy.writeToCopy(TRAILER, 0, TRAILER.length);
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

    // --- JSON --------------------------------------------------------------------------------------

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
                    append(MAPPER.writeValueAsBytes(node));
                }
            }
            default -> append(MAPPER.writeValueAsBytes(node));
        }
    }

    /**
     * A member's name and its colon, as a JSON string; a record's names are a handful, repeated in
     * every record, so each plain one is encoded once per COPY.
     */
    private void writeName(String name) {
        byte[] encoded = names.get(name);
        if (encoded == null) {
            if (names.size() >= NAMES_KEPT || !plainJson(name)) {
                writeJsonString(name, null);
                append((byte) ':');
                return;
            }
            encoded = ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
            names.put(name, encoded);
        }
        appendRange(encoded, 0, encoded.length);
    }

    /** A JSON string; {@code node} is the string's node, for the mapper when it is not plain text. */
    private void writeJsonString(String value, @Nullable JsonNode node) {
        append((byte) '"');
        if (!appendPlainJson(value)) {
            writeEscaped(value, node);
        }
        append((byte) '"');
    }

    /**
     * Appends the text as it is when it is {@link #plainJson}, checking and copying it in one pass,
     * and answers whether it did; appends nothing when it is not.
     */
    private boolean appendPlainJson(String value) {
        int n = value.length();
        if (n > CHUNK - length) { // across a chunk's end: check first, then copy in parts
            if (!plainJson(value)) {
                return false;
            }
            appendAscii(value);
            return true;
        }
        byte[] into = rows;
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
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
                    appendRange(text, 1, text.length - 2);
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
        append(escaped.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether every character is ASCII and needs no JSON escape: then the text's bytes are its characters. */
    private static boolean plainJson(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    // --- bytes -------------------------------------------------------------------------------------

    private void startField() {
        if (fieldsInRow < 0) {
            appendShort(fields);
            fieldsInRow = 0;
        }
        if (fieldsInRow == fields) {
            throw new IllegalStateException("a row of this COPY has " + fields + " fields; endRow() was not called");
        }
        fieldsInRow++;
    }

    /** Starts a field; a null is written whole (its length, -1) and answers false. */
    private boolean startNullable(@Nullable Object value) {
        startField();
        if (value == null) {
            appendInt(-1);
            return false;
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

    private void appendShort(int value) {
        append((byte) (value >>> 8));
        append((byte) value);
    }

    private void appendInt(int value) {
        if (CHUNK - length >= 4) {
            putInt(rows, length, value);
            length += 4;
            return;
        }
        append((byte) (value >>> 24));
        append((byte) (value >>> 16));
        append((byte) (value >>> 8));
        append((byte) value);
    }

    private void appendLong(long value) {
        appendInt((int) (value >>> 32));
        appendInt((int) value);
    }

    private void append(byte b) {
        if (length == CHUNK) {
            nextChunk();
        }
        rows[length++] = b;
    }

    private void append(byte[] bytes) {
        appendRange(bytes, 0, bytes.length);
    }

    private void appendRange(byte[] bytes, int offset, int count) {
        if (count <= CHUNK - length) { // nearly always: a name or a value that fits in this chunk
            System.arraycopy(bytes, offset, rows, length, count);
            length += count;
            return;
        }
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

    /** Bytes written so far (rows only). */
    private long position() {
        return writtenInFull + length;
    }

    private void nextChunk() {
        if (full.size() == fullLengths.length) {
            fullLengths = Arrays.copyOf(fullLengths, fullLengths.length * 2);
        }
        fullLengths[full.size()] = length;
        full.add(rows);
        writtenInFull += length;
        rows = chunk();
        length = 0;
    }

    private static byte[] chunk() {
        byte[] pooled = POOL.poll();
        return pooled != null ? pooled : new byte[CHUNK];
    }

    private static void putInt(byte[] into, int at, int value) {
        into[at] = (byte) (value >>> 24);
        into[at + 1] = (byte) (value >>> 16);
        into[at + 2] = (byte) (value >>> 8);
        into[at + 3] = (byte) value;
    }

    private static void putLong(byte[] into, int at, long value) {
        putInt(into, at, (int) (value >>> 32));
        putInt(into, at + 4, (int) value);
    }
}
