package dev.rollcall.engine.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.engine.sync.MatchedBy;
import dev.rollcall.engine.sync.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordIndexTest {

    private static final Checksum A = Checksum.of("a".getBytes(StandardCharsets.UTF_8));
    private static final Checksum B = Checksum.of("b".getBytes(StandardCharsets.UTF_8));
    private static final Checksum SOURCE = Checksum.of("source".getBytes(StandardCharsets.UTF_8));

    @Test
    void answersWhatWasLoadedReservedAndStaged() {
        RecordIndex index = RecordIndex.complete();
        UUID stored = UUID.randomUUID();
        index.load(new StoredRecord("u1", stored, A, false, true, SOURCE));
        index.load(new StoredRecord("u2", UUID.randomUUID(), B, true, false, null));

        RecordIndex.Entry u1 = index.get("u1");
        assertThat(u1).isNotNull();
        assertThat(u1.localId()).isEqualTo(stored);
        assertThat(u1.known()).isTrue();
        assertThat(u1.deleted()).isFalse();
        assertThat(u1.seen()).isFalse();
        assertThat(u1.pendingMapping()).isNull();
        assertThat(u1.sameChecksum(A)).isTrue();
        assertThat(u1.sameChecksum(B)).isFalse();
        assertThat(u1.checksum()).isEqualTo(A);
        assertThat(u1.sameSource(SOURCE)).isTrue();
        assertThat(u1.sameSource(A)).isFalse();
        assertThat(index.get("u2").deleted()).isTrue();
        assertThat(index.get("u2").sameSource(SOURCE))
                .as("stored without a source hash")
                .isFalse();
        assertThat(index.activeInRoster()).isEqualTo(1);
        assertThat(index.get("u3")).isNull();

        UUID reserved = UUID.randomUUID();
        RecordIndex.Entry u3 = index.reserve("u3", reserved, MatchedBy.NATURAL_KEY);
        assertThat(u3.known()).isFalse();
        assertThat(u3.seen()).isTrue();
        assertThat(u3.pendingMapping()).isEqualTo(MatchedBy.NATURAL_KEY);
        assertThat(u3.sameChecksum(Checksum.fromBytes(new byte[16])))
                .as("nothing stored yet")
                .isFalse();
        index.staged("u3", u3, B, false, SOURCE);
        assertThat(index.get("u3").known()).isTrue();
        assertThat(index.get("u3").sameChecksum(B)).isTrue();
        assertThat(index.get("u3").localId()).isEqualTo(reserved);
        assertThat(index.get("u3").sameSource(SOURCE))
                .as("only an entry loaded from the store keeps a source hash")
                .isFalse();

        index.staged("u1", u1, B, true, null);
        assertThat(index.get("u1").deleted()).isTrue();
        assertThat(index.get("u1").sameSource(SOURCE)).isFalse();
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void findsWhatARunDidNotSee() {
        RecordIndex index = RecordIndex.complete();
        index.load(new StoredRecord("seen", UUID.randomUUID(), A, false, true, null));
        index.load(new StoredRecord("gone", UUID.randomUUID(), A, false, true, null));
        index.load(new StoredRecord("deleted before", UUID.randomUUID(), A, true, false, null));
        index.reserve("new", UUID.randomUUID(), MatchedBy.CREATED);
        index.markSeen("seen");
        index.markSeen("not there");

        List<String> unseen = new ArrayList<>();
        index.forEachUnseenActive((externalId, entry) -> unseen.add(externalId));

        assertThat(unseen).containsExactly("gone");
    }

    @Test
    void aPartialIndexAsksOnceForEachId() {
        RecordIndex index = RecordIndex.partial();
        assertThat(index.needsLookup("u1")).isTrue();
        index.load(new StoredRecord("u1", UUID.randomUUID(), A, false, true, null));
        index.lookedUp(List.of("u1", "u2"));

        assertThat(index.needsLookup("u1")).isFalse();
        assertThat(index.needsLookup("u2")).as("looked up, not there").isFalse();
        assertThat(index.get("u2")).isNull();
        assertThat(index.needsLookup("u3")).isTrue();
        assertThat(RecordIndex.complete().needsLookup("u1")).isFalse();
    }

    @Test
    void aReferencedIdAnswersItsLocalIdButIsStillLookedUpInFullAsARecord() {
        RecordIndex index = RecordIndex.partial();
        UUID local = UUID.randomUUID();
        assertThat(index.needsReference("u1")).isTrue();
        index.loadReference("u1", local);
        index.lookedUpReferences(List.of("u1", "u2"));

        assertThat(index.needsReference("u1")).isFalse();
        assertThat(index.get("u1").localId()).isEqualTo(local);
        assertThat(index.needsReference("u2")).as("looked up, not there").isFalse();
        assertThat(index.needsLookup("u2")).isFalse();
        assertThat(index.get("u2")).isNull();
        assertThat(index.needsLookup("u1"))
                .as("a record to classify needs its checksum")
                .isTrue();

        index.load(new StoredRecord("u1", local, A, true, false, SOURCE));
        index.lookedUp(List.of("u1"));
        assertThat(index.needsLookup("u1")).isFalse();
        assertThat(index.get("u1").sameChecksum(A)).isTrue();
        assertThat(index.get("u1").deleted()).isTrue();

        UUID staged = UUID.randomUUID();
        RecordIndex.Entry u3 = index.reserve("u3", staged, MatchedBy.CREATED);
        index.loadReference("u3", UUID.randomUUID());
        assertThat(index.get("u3"))
                .as("what the run holds is never replaced by a reference")
                .isEqualTo(u3);
        assertThat(index.get("u3").localId()).isEqualTo(staged);
        assertThat(index.get("u3").known()).isFalse();
        assertThat(index.needsReference("u3")).isFalse();
    }

    @Test
    void aReferencedIdTheFullLookUpDoesNotFindIsNotThere() {
        RecordIndex index = RecordIndex.partial();
        index.loadReference("u1", UUID.randomUUID());

        index.lookedUp(List.of("u1"));

        assertThat(index.get("u1")).isNull();
        assertThat(index.needsLookup("u1")).isFalse();
        assertThat(index.needsReference("u1")).isFalse();
    }

    /**
     * Many random ids, among them ids with equal String hashes ("Aa" and "BB"), ids beyond ASCII and
     * ids of equal length that differ only past ASCII, against a map: every id answers its own
     * entry, whatever was added after it, and every unseen one is found.
     */
    @Test
    void anIndexToldHowManyToExpectAnswersAsOneThatGrew() {
        RecordIndex grown = RecordIndex.complete();
        RecordIndex expecting = RecordIndex.complete();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(
                    i % 3 == 0
                            ? "enr-" + i
                            : i % 3 == 1 ? "ü-" + i : UUID.randomUUID().toString());
        }
        for (int i = 0; i < ids.size(); i++) {
            if (i == 100) {
                expecting.expect(15_000); // entries in it already, and fewer expected than will come
                expecting.expect(10); // room already: nothing changes
            }
            UUID local = UUID.randomUUID();
            grown.reserve(ids.get(i), local, MatchedBy.CREATED);
            expecting.reserve(ids.get(i), local, MatchedBy.CREATED);
        }

        assertThat(expecting.size()).isEqualTo(grown.size()).isEqualTo(ids.size());
        for (String id : ids) {
            assertThat(expecting.get(id)).as(id).isNotNull();
            assertThat(expecting.get(id).localId())
                    .as(id)
                    .isEqualTo(grown.get(id).localId());
        }
        assertThat(expecting.get("enr-1")).isNull();
    }

    @Test
    void holdsManyIdsAsAMapWould() {
        Random random = new Random(7);
        RecordIndex index = RecordIndex.complete();
        Map<String, UUID> model = new LinkedHashMap<>();
        Map<String, Boolean> seen = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            String id =
                    switch (i % 5) {
                        case 0 -> "enr-" + i;
                        case 1 -> i < 5 * 512 ? collidingId(i / 5) : "c-" + i;
                        case 2 -> "ü-" + i + "-\u6587";
                        case 3 -> "e\u00e9" + i;
                        default -> UUID.randomUUID().toString();
                    };
            ids.add(id);
        }
        for (String id : ids) {
            UUID local = UUID.randomUUID();
            model.put(id, local);
            if (random.nextBoolean()) {
                index.load(new StoredRecord(id, local, A, false, true, SOURCE));
                seen.put(id, false);
            } else {
                index.reserve(id, local, MatchedBy.CREATED);
                seen.put(id, true);
            }
        }
        for (String id : ids) {
            if (random.nextInt(3) == 0) {
                index.markSeen(id);
                seen.put(id, true);
            }
        }

        assertThat(index.size()).isEqualTo(model.size());
        model.forEach((id, local) -> {
            RecordIndex.Entry entry = index.get(id);
            assertThat(entry).as(id).isNotNull();
            assertThat(entry.localId()).as(id).isEqualTo(local);
            assertThat(entry.seen()).as(id).isEqualTo(seen.get(id));
        });
        assertThat(index.get("e\u00e80"))
                .as("same length as e\u00e90, another id")
                .isNull();
        assertThat(index.get("enr-1")).isNull();
        List<String> unseen = new ArrayList<>();
        index.forEachUnseenActive((id, entry) -> {
            assertThat(entry.localId()).isEqualTo(model.get(id));
            unseen.add(id);
        });
        assertThat(unseen)
                .containsExactlyInAnyOrderElementsOf(
                        model.keySet().stream().filter(id -> !seen.get(id)).toList());
    }

    /** Ids made of "Aa" and "BB", which have the same String hash: 512 ids share one hash. */
    private static String collidingId(int i) {
        StringBuilder id = new StringBuilder();
        for (int bit = 0; bit < 9; bit++) {
            id.append((i >> bit & 1) == 0 ? "Aa" : "BB");
        }
        return id.toString();
    }
}
