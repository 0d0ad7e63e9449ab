package dev.rollcall.connector.oneroster;

import static dev.rollcall.connector.oneroster.CannedUpstream.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.UnchangedRecord;
import dev.rollcall.connector.api.json.Checksum;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Each record's bytes are hashed; a record the store holds with that hash comes back unchanged, unread. */
class SourceHashTest {

    private static final String U1 = """
            {"sourcedId":"u-1","status":"active","dateLastModified":"2025-08-01T00:00:00Z","enabledUser":true,
             "givenName":"A","familyName":"B","roles":[{"roleType":"primary","role":"student","org":{"sourcedId":"o-1"}}]}""";
    private static final String U2 = """
            {"sourcedId":"u-2","status":"active","dateLastModified":"2025-08-02T00:00:00Z","enabledUser":"false",
             "givenName":"C","familyName":"D","roles":[{"roleType":"primary","role":"teacher","org":{"sourcedId":"o-1"}}]}""";
    private static final String U3_BAD = """
            {"sourcedId":"u-3","status":"active","dateLastModified":"2025-08-03T00:00:00Z","givenName":"E"}""";

    private final AtomicReference<String> body = new AtomicReference<>();
    private final CannedUpstream upstream =
            new CannedUpstream(request -> json(200, body.get(), Map.of("X-Total-Count", List.of("3"))));

    private Page read(String records, Map<String, Checksum> known) throws Exception {
        body.set("{\"users\":[" + records + "],\"totalCount\":3}");
        ReadRequest request = ReadRequest.full("users", null, 100)
                .withKnown(known.isEmpty() ? null : (id, hash) -> hash.equals(known.get(id)));
        return upstream.open(CannedUpstream.config("oneroster-1.2")).read(request);
    }

    private static Map<String, Checksum> hashes(Page page) {
        Map<String, Checksum> hashes = new HashMap<>();
        for (SourceRecord record : page.records()) {
            hashes.put(record.externalId(), record.sourceHash());
        }
        return hashes;
    }

    @Test
    void everyRecordReadInFullHasTheHashOfItsBytesAndTheSameBytesTheSameHash() throws Exception {
        Page first = read(U1 + "," + U2 + "," + U3_BAD, Map.of());
        Page again = read(U1 + ",\n  " + U2 + "," + U3_BAD, Map.of());

        assertThat(first.records()).hasSize(2).allMatch(record -> record.sourceHash() != null);
        assertThat(first.errors()).hasSize(1);
        assertThat(first.unchanged()).isEmpty();
        assertThat(hashes(again))
                .as("whitespace between records is not a record's")
                .isEqualTo(hashes(first));
        assertThat(hashes(first).get("u-1")).isNotEqualTo(hashes(first).get("u-2"));

        Page changed = read(U1.replace("\"givenName\":\"A\"", "\"givenName\":\"Ann\"") + "," + U2, Map.of());
        assertThat(hashes(changed).get("u-1")).isNotEqualTo(hashes(first).get("u-1"));
        assertThat(hashes(changed).get("u-2")).isEqualTo(hashes(first).get("u-2"));
    }

    @Test
    void aRecordTheStoreHoldsByItsHashComesBackUnchangedWithItsTimestampAndTheOthersAreRead() throws Exception {
        Map<String, Checksum> stored = hashes(read(U1 + "," + U2, Map.of()));
        String u2Changed = U2.replace("\"givenName\":\"C\"", "\"givenName\":\"Cy\"");

        Page page = read(U1 + "," + u2Changed + "," + U3_BAD, stored);

        assertThat(page.unchanged()).containsExactly(new UnchangedRecord("u-1", Instant.parse("2025-08-01T00:00:00Z")));
        assertThat(page.records()).extracting(SourceRecord::externalId).containsExactly("u-2");
        assertThat(page.errors())
                .as("a bad record is still read, and still an error")
                .hasSize(1);
    }
}
