package dev.rollcall.connector.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CollectionReaderAnchorsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RawRecord record(String id) {
        ObjectNode record = JSON.createObjectNode();
        if (id != null) {
            record.put("sourcedId", id);
        }
        return RawRecord.of(record);
    }

    /** The definition: append each id of the page (moving it to the end when seen), keep the last few. */
    private static List<String> byDefinition(List<String> anchors, List<RawRecord> records) {
        List<String> next = new ArrayList<>(anchors);
        for (RawRecord record : records) {
            String id = record.sourcedId();
            if (!id.isEmpty()) {
                next.remove(id);
                next.add(id);
            }
        }
        return next.subList(Math.max(0, next.size() - ReadPosition.ANCHORS), next.size());
    }

    @Test
    void theLastDistinctIdsOfAPageOldestFirst() {
        List<RawRecord> page = List.of(record("a"), record("b"), record("c"), record("d"), record("e"));

        assertThat(CollectionReader.anchorsAfter(List.of("x", "y", "z"), page)).containsExactly("c", "d", "e");
    }

    @Test
    void aShortPageKeepsTheNewestAnchorsAndAnIdSeenAgainMovesToTheEnd() {
        List<RawRecord> page = List.of(record("y"), record(null), record("w"), record("w"));

        assertThat(CollectionReader.anchorsAfter(List.of("x", "y", "z"), page)).containsExactly("z", "y", "w");
        assertThat(CollectionReader.anchorsAfter(List.of("x", "y"), List.of())).containsExactly("x", "y");
    }

    @Test
    void agreesWithTheDefinitionOnRandomPages() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            List<String> anchors = new ArrayList<>();
            for (int i = random.nextInt(ReadPosition.ANCHORS + 1); i > 0; i--) {
                String id = "id" + random.nextInt(6);
                if (!anchors.contains(id)) {
                    anchors.add(id);
                }
            }
            List<RawRecord> page = new ArrayList<>();
            for (int i = random.nextInt(8); i > 0; i--) {
                page.add(record(random.nextInt(5) == 0 ? null : "id" + random.nextInt(6)));
            }

            assertThat(CollectionReader.anchorsAfter(anchors, page))
                    .as("anchors %s, page %s", anchors, page)
                    .containsExactlyElementsOf(byDefinition(anchors, page));
        }
    }
}
