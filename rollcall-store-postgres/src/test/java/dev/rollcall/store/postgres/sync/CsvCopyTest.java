package dev.rollcall.store.postgres.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class CsvCopyTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a JSON field was before {@link CsvCopy#json}: the mapper's bytes, each quote doubled, quoted. */
    private static byte[] throughTheMapper(JsonNode tree) {
        byte[] json = MAPPER.writeValueAsBytes(tree);
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        field.write('"');
        for (byte b : json) {
            if (b == '"') {
                field.write('"');
            }
            field.write(b);
        }
        field.write('"');
        field.write('\n');
        return field.toByteArray();
    }

    private static byte[] json(JsonNode tree) {
        return new CsvCopy().json(tree).endRow().toByteArray();
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

        assertThat(new String(json(record), StandardCharsets.UTF_8))
                .isEqualTo(new String(throughTheMapper(record), StandardCharsets.UTF_8));
        assertThat(json(NODES.textNode("plain"))).isEqualTo(throughTheMapper(NODES.textNode("plain")));
        assertThat(json(NODES.nullNode())).isEqualTo(throughTheMapper(NODES.nullNode()));
    }

    @Test
    void aLoneSurrogateIsWrittenAsTheMapperWritesIt() {
        ObjectNode record = NODES.objectNode()
                .put("high", "broken \uD800 text")
                .put("low", "\uDC00 first")
                .put("last", "at the end \uD83D");
        record.put("broken \uDFFF name", "x");

        assertThat(json(record)).isEqualTo(throughTheMapper(record));
    }

    @Test
    void recordsLongerThanAChunkAndManyRowsComeOutWhole() {
        Random random = new Random(7);
        CsvCopy copy = new CsvCopy();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int row = 0; row < 400; row++) {
            StringBuilder text = new StringBuilder();
            int length = row == 3 ? 3 * CsvCopy.CHUNK : random.nextInt(2000);
            for (int i = 0; i < length; i++) {
                text.append(i % 97 == 0 ? '"' : i % 89 == 0 ? 'é' : (char) ('a' + random.nextInt(26)));
            }
            ObjectNode record = NODES.objectNode().put("sourcedId", "r" + row).put("text", text.toString());
            copy.text("r" + row).json(record).text(text.toString()).endRow();
            expected.writeBytes(CsvCopy.quote("r" + row));
            expected.write(',');
            byte[] field = throughTheMapper(record);
            expected.write(field, 0, field.length - 1);
            expected.write(',');
            expected.writeBytes(CsvCopy.quote(text.toString()));
            expected.write('\n');
        }

        assertThat(copy.count()).isEqualTo(400);
        assertThat(copy.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void aTextFieldIsQuotedWithItsQuotesDoubledAndANullIsEmpty() {
        byte[] rows = new CsvCopy()
                .text("plain")
                .text("with \"quotes\"")
                .text("Zoë")
                .text("")
                .text(null)
                .value(NODES.objectNode().put("a", 1))
                .endRow()
                .toByteArray();

        assertThat(new String(rows, StandardCharsets.UTF_8))
                .isEqualTo("\"plain\",\"with \"\"quotes\"\"\",\"Zoë\",\"\",,\"{\"\"a\"\":1}\"\n");
    }
}
