package dev.rollcall.connector.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.connector.api.http.UpstreamBody;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.json.SourceHasher;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.simulator.Simulator;
import dev.rollcall.simulator.data.Scale;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A record read into the model straight from its bytes reads exactly as its tree reads: the same
 * entity, payload and external id, or the same error; also when its bytes span the segments the
 * body was received in.
 */
class RecordParserTest {

    private static final SourceHasher HASHER = SourceHasher.forReader("test");

    private final RecordParser parser = new RecordParser();

    /**
     * The records of a page whose collection holds the given records' JSON, each read as a page reads
     * it; the body in segments of {@code segment} bytes (so that records span segments), or in one
     * array when 0.
     */
    private static List<RawRecord> page(String collection, List<String> records, int segment) {
        byte[] body = ("{\"" + collection + "\":[" + String.join(",", records) + "],\"totalCount\":" + records.size()
                        + "}")
                .getBytes(StandardCharsets.UTF_8);
        UpstreamBody content;
        if (segment == 0) {
            content = UpstreamBody.of(body);
        } else {
            List<byte[]> segments = new ArrayList<>();
            List<Integer> lengths = new ArrayList<>();
            for (int from = 0; from < body.length; from += segment) {
                byte[] part = new byte[segment + 5]; // room to spare, as a received segment may have
                int length = Math.min(segment, body.length - from);
                System.arraycopy(body, from, part, 0, length);
                segments.add(part);
                lengths.add(length);
            }
            content = UpstreamBody.of(
                    segments, lengths.stream().mapToInt(Integer::intValue).toArray());
        }
        CollectionReader.Body read = CollectionReader.Body.read(content, collection);
        return Objects.requireNonNull(read).records();
    }

    private static List<RawRecord> page(String collection, List<String> records) {
        return page(collection, records, 0);
    }

    /** Each record parsed both ways, each from its own reading of the page (no tree is shared). */
    private int assertBothWaysAlike(EntityType type, List<String> records) {
        List<RawRecord> fromBytes = page(type.collection(), records, 97);
        List<RawRecord> throughTrees = page(type.collection(), records);
        int read = 0;
        for (int i = 0; i < records.size(); i++) {
            RecordParser.Parsed direct = parser.parse(type, fromBytes.get(i));
            RecordParser.Parsed tree = parser.parse(type, throughTrees.get(i).tree());
            assertThat(direct).as(records.get(i)).isEqualTo(tree);
            assertThat(fromBytes.get(i).hash(HASHER))
                    .as("the hash of a record's bytes, wherever they are")
                    .isEqualTo(throughTrees.get(i).hash(HASHER));
            if (direct instanceof RecordParser.Good) {
                read++;
            }
        }
        return read;
    }

    @Test
    void everyRecordOfTheSimulatorsRosterReadsFromItsBytesAsFromItsTree() {
        try (Simulator simulator =
                Simulator.start(Simulator.Options.defaults().withPort(0).withScale(Scale.SMALL))) {
            int good = 0;
            for (EntityType type : EntityType.values()) {
                List<String> records = new ArrayList<>();
                simulator.roster().forEach(type.collection(), record -> records.add(record.toString()));
                assertThat(page(type.collection(), records, 97))
                        .as("every %s is read from its bytes, without a tree", type)
                        .allMatch(raw -> raw.readableFromBytes(type));
                good += assertBothWaysAlike(type, records);
            }
            assertThat(good).as("records read").isGreaterThan(1_000);
        }
    }

    @Test
    void whatRealServersSendAndBrokenRecordsReadFromTheirBytesAsFromTheirTrees() {
        String org = "{\"href\":\"/orgs/o-1\",\"sourcedId\":\"o-1\",\"type\":\"org\"}";
        List<String> users = List.of(
                // booleans as strings, ext: vocabulary, unknown fields, absolute hrefs
                """
                {"sourcedId":"u-1","status":"active","dateLastModified":"2025-08-01T00:00:00Z","enabledUser":"TRUE",
                 "givenName":"A","familyName":"B","favouriteColour":"teal","metadata":{"x":[1,2.50,{"y":null}]},
                 "roles":[{"roleType":"primary","role":"ext:mentor","org":{"href":"https://x.org/orgs/o-1","sourcedId":"o-1","type":"org"}}]}""",
                // 1.0's inactive, and members out of order with whitespace
                """
                { "roles" : [ {"org":%s,"role":"teacher","roleType":"primary"} ] , "familyName":"D","givenName":"C",
                  "enabledUser":false, "status":"inactive", "sourcedId":"u-2","dateLastModified":"2025-08-01T00:00:00.123Z"}""".formatted(org),
                // a 1.1 user: one role and orgs
                """
                {"sourcedId":"u-3","status":"active","dateLastModified":"2025-08-01T00:00:00Z","enabledUser":"true",
                 "givenName":"A","familyName":"B","role":"teacher","orgs":[%s]}""".formatted(org),
                // a member given twice: the last counts
                """
                {"sourcedId":"u-4","status":"active","dateLastModified":"2025-08-01T00:00:00Z","enabledUser":true,
                 "givenName":"first","givenName":"second","familyName":"B",
                 "roles":[{"roleType":"primary","role":"student","org":%s}]}""".formatted(org),
                // non-ASCII and escapes
                """
                {"sourcedId":"u-5","status":"active","dateLastModified":"2025-08-01T00:00:00Z","enabledUser":true,
                 "givenName":"Zo\\u00eb \\"Z\\"","familyName":"Ångström 中文 😀","roles":[{"roleType":"primary","role":"student","org":%s}]}""".formatted(org),
                // broken: no roles (a rule), a bad date and boolean, no sourcedId, a number for one, a blank one
                """
                {"sourcedId":"u-bad","status":"active","dateLastModified":"2025-08-01T00:00:00Z","enabledUser":"true",
                 "givenName":"A","familyName":"B","roles":[]}""",
                """
                {"sourcedId":"u-worse","status":"active","dateLastModified":"not a date","enabledUser":"maybe",
                 "givenName":"A","familyName":"B","roles":[]}""",
                """
                {"status":"active","givenName":"A","familyName":"B"}""",
                """
                {"sourcedId":42,"status":"active","dateLastModified":"2025-08-01T00:00:00Z","enabledUser":true,
                 "givenName":"A","familyName":"B","roles":[{"roleType":"primary","role":"student","org":%s}]}""".formatted(org),
                """
                {"sourcedId":"  ","status":"active"}""",
                """
                {"sourcedId":"u-6","status":"unknown-status","dateLastModified":"2025-08-01T00:00:00Z",
                 "enabledUser":true,"givenName":"A","familyName":"B","roles":{"not":"a list"}}""",
                "\"not an object\"",
                "[1,2]");

        assertThat(assertBothWaysAlike(EntityType.USER, users)).isEqualTo(5);
    }

    @Test
    void aRecordReadFromItsBytesMakesItsPayloadOnlyWhenAskedAndItIsTheRecordAsSent() {
        String sent = """
                {"sourcedId":"o-1","status":"active","dateLastModified":"2025-08-01T00:00:00Z","name":"North",
                 "type":"district","identifier":"N-1","extra":{"kept":true}}""";
        RawRecord raw = page("orgs", List.of(sent)).getFirst();

        RecordParser.Parsed parsed = parser.parse(EntityType.ORG, raw);

        assertThat(parsed).isInstanceOf(RecordParser.Good.class);
        assertThat(((RecordParser.Good) parsed).record().payload())
                .isEqualTo(RosterJson.mapper().readTree(sent));
    }
}
