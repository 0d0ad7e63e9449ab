package dev.rollcall.store.postgres.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link BinaryCopy} against PostgreSQL's binary COPY format, read back here field by field. Each
 * field's bytes are compared with what the column type's binary form is (the store's integration
 * tests send the same rows to a real PostgreSQL).
 */
class BinaryCopyTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The rows of a binary COPY, each a list of fields (null for SQL null); checks header and trailer. */
    private static List<List<byte[]>> rows(byte[] copy) {
        ByteBuffer in = ByteBuffer.wrap(copy);
        byte[] signature = new byte[11];
        in.get(signature);
        assertThat(signature).isEqualTo(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0});
        assertThat(in.getInt()).as("flags").isZero();
        assertThat(in.getInt()).as("header extension").isZero();
        List<List<byte[]>> rows = new ArrayList<>();
        while (true) {
            short fields = in.getShort();
            if (fields == -1) {
                assertThat(in.hasRemaining()).as("bytes after the trailer").isFalse();
                return rows;
            }
            List<byte[]> row = new ArrayList<>();
            for (int i = 0; i < fields; i++) {
                int length = in.getInt();
                if (length == -1) {
                    row.add(null);
                } else {
                    byte[] field = new byte[length];
                    in.get(field);
                    row.add(field);
                }
            }
            rows.add(row);
        }
    }

    /** A jsonb field: its version byte, then what the mapper writes. */
    private static byte[] throughTheMapper(JsonNode tree) {
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        field.write(1);
        field.writeBytes(MAPPER.writeValueAsBytes(tree));
        return field.toByteArray();
    }

    private static byte[] jsonb(JsonNode tree) {
        return rows(new BinaryCopy(1).jsonb(tree).endRow().toByteArray())
                .getFirst()
                .getFirst();
    }

    @Test
    void writesTheJsonTheMapperWritesForEveryKindOfValue() {
        ObjectNode record = NODES.objectNode();
        record.put("sourcedId", "enr-000001");
        record.put("quote", "she said \"hi\", then \\ left");
        record.put("controls", "tab\there\nnew line\r\b\f\u0001\u001f\u007f end");
        record.put("unicode", "Zoë Ångström 中文 \uD83D\uDE00 done");
        record.put("slash", "a/b</script>");
        record.put("empty", "");
        record.put("int", 42);
        record.put("negative", -7L);
        record.put("long", Long.MAX_VALUE);
        record.put("big", new BigInteger("123456789012345678901234567890"));
        record.put("decimal", new BigDecimal("1.50"));
        record.put("exponent", new BigDecimal("1E+3"));
        record.put("double", 1.5d);
        record.put("tiny", 1e-300d);
        record.put("nan", Double.NaN);
        record.put("float", 0.1f);
        record.put("yes", true);
        record.put("no", false);
        record.putNull("nothing");
        record.put("bytes", new byte[] {1, 2, 3, (byte) 0xff});
        record.putPOJO("pojo", List.of("a", 1));
        record.putObject("nested")
                .put("a\"b", "c\"d")
                .putArray("list")
                .add(1)
                .add("x")
                .addNull();
        record.putArray("emptyList");
        record.putObject("emptyObject");
        ArrayNode roles = record.putArray("roles");
        roles.addObject().put("roleType", "primary").putObject("org").put("sourcedId", "org-1");

        assertThat(new String(jsonb(record), StandardCharsets.UTF_8))
                .isEqualTo(new String(throughTheMapper(record), StandardCharsets.UTF_8));
        assertThat(jsonb(NODES.stringNode("plain"))).isEqualTo(throughTheMapper(NODES.stringNode("plain")));
        assertThat(jsonb(NODES.nullNode())).isEqualTo(throughTheMapper(NODES.nullNode()));
    }

    @Test
    void aLoneSurrogateIsWrittenAsTheMapperWritesIt() {
        ObjectNode record = NODES.objectNode()
                .put("high", "broken \uD800 text")
                .put("low", "\uDC00 first")
                .put("last", "at the end \uD83D");
        record.put("broken \uDFFF name", "x");

        assertThat(jsonb(record)).isEqualTo(throughTheMapper(record));
    }

    @Test
    void recordsLongerThanAChunkAndManyRowsComeOutWhole() {
        Random random = new Random(7);
        BinaryCopy copy = new BinaryCopy(3);
        List<List<byte[]>> expected = new ArrayList<>();
        for (int row = 0; row < 400; row++) {
            StringBuilder text = new StringBuilder();
            int length = row == 3 ? 3 * BinaryCopy.CHUNK : random.nextInt(2000);
            for (int i = 0; i < length; i++) {
                text.append(i % 97 == 0 ? '"' : i % 89 == 0 ? 'é' : (char) ('a' + random.nextInt(26)));
            }
            ObjectNode record = NODES.objectNode().put("sourcedId", "r" + row).put("text", text.toString());
            copy.text("r" + row).jsonb(record).text(text.toString()).endRow();
            expected.add(List.of(
                    ("r" + row).getBytes(StandardCharsets.UTF_8),
                    throughTheMapper(record),
                    text.toString().getBytes(StandardCharsets.UTF_8)));
        }

        List<List<byte[]>> rows = rows(copy.toByteArray());
        assertThat(copy.count()).isEqualTo(400);
        assertThat(rows).hasSize(400);
        for (int row = 0; row < 400; row++) {
            for (int field = 0; field < 3; field++) {
                assertThat(rows.get(row).get(field))
                        .as("row %d, field %d", row, field)
                        .isEqualTo(expected.get(row).get(field));
            }
        }
    }

    @Test
    void aJsonbLengthIsNeverSplitAcrossChunks() {
        // Rows of 18 to 25 bytes: the chunks end at many places in a row, before a jsonb's length among them.
        for (int prefix = 0; prefix < 8; prefix++) {
            BinaryCopy copy = new BinaryCopy(2);
            byte[] pad = new byte[prefix];
            int rows = 2 * BinaryCopy.CHUNK / 20;
            for (int row = 0; row < rows; row++) {
                copy.bytes(pad).jsonb(NODES.stringNode("abcde")).endRow();
            }
            List<List<byte[]>> read = rows(copy.toByteArray());
            assertThat(read).hasSize(rows);
            assertThat(read)
                    .allSatisfy(row -> assertThat(row.get(1)).isEqualTo(throughTheMapper(NODES.stringNode("abcde"))));
        }
    }

    @Test
    void eachTypeHasItsBinaryForm() {
        UUID id = UUID.fromString("0192f5a0-1b2c-7d3e-8f40-123456789abc");
        byte[] rows = new BinaryCopy(12)
                .uuid(id)
                .encoded(BinaryCopy.encode(id))
                .text("Zoë")
                .encoded(BinaryCopy.encode("Zoë"))
                .text("")
                .bytes(new byte[] {0, 1, (byte) 0xff})
                .bool(true)
                .bool(false)
                .timestamp(Instant.parse("2000-01-01T00:00:01.000001Z"))
                .timestamp(Instant.parse("1999-12-31T23:59:59.9999995Z"))
                .encoded(BinaryCopy.encodeTextArray(List.of("class", "sourcedId")))
                .encoded(BinaryCopy.encodeTextArray(List.of()))
                .endRow()
                .toByteArray();

        List<byte[]> row = rows(rows).getFirst();
        assertThat(HexFormat.of().formatHex(row.get(0))).isEqualTo("0192f5a01b2c7d3e8f40123456789abc");
        assertThat(row.get(1)).isEqualTo(row.get(0));
        assertThat(row.get(2)).isEqualTo("Zoë".getBytes(StandardCharsets.UTF_8));
        assertThat(row.get(3)).isEqualTo(row.get(2));
        assertThat(row.get(4)).isEmpty();
        assertThat(row.get(5)).isEqualTo(new byte[] {0, 1, (byte) 0xff});
        assertThat(row.get(6)).isEqualTo(new byte[] {1});
        assertThat(row.get(7)).isEqualTo(new byte[] {0});
        assertThat(ByteBuffer.wrap(row.get(8)).getLong()).isEqualTo(1_000_001L);
        assertThat(ByteBuffer.wrap(row.get(9)).getLong())
                .as("half a microsecond rounds to even")
                .isEqualTo(0L);
        ByteBuffer array = ByteBuffer.wrap(row.get(10));
        assertThat(new int[] {array.getInt(), array.getInt(), array.getInt(), array.getInt(), array.getInt()})
                .as("dimensions, nulls, element type (text), length, lower bound")
                .containsExactly(1, 0, 25, 2, 1);
        assertThat(array.getInt()).isEqualTo(5);
        byte[] first = new byte[5];
        array.get(first);
        assertThat(first).isEqualTo("class".getBytes(StandardCharsets.US_ASCII));
        assertThat(array.getInt()).isEqualTo(9);
        assertThat(Arrays.copyOfRange(row.get(10), array.position(), row.get(10).length))
                .isEqualTo("sourcedId".getBytes(StandardCharsets.US_ASCII));
        assertThat(ByteBuffer.wrap(row.get(11)).getInt())
                .as("an empty array has no dimensions")
                .isZero();
        assertThat(row.get(11)).hasSize(12);
    }

    @Test
    void aNullIsTheLengthMinusOne() {
        byte[] rows = new BinaryCopy(6)
                .uuid(null)
                .text(null)
                .bytes(null)
                .bool(null)
                .timestamp(null)
                .jsonb(null)
                .endRow()
                .toByteArray();

        assertThat(rows(rows).getFirst()).containsExactly(null, null, null, null, null, null);
    }

    @Test
    void aRowMustHaveAsManyFieldsAsTheCopyHasColumns() {
        assertThatThrownBy(() -> new BinaryCopy(2).text("a").endRow())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 fields, not 1");
        assertThatThrownBy(() -> new BinaryCopy(1).text("a").text("b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("endRow()");
    }
}
