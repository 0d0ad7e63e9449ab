package dev.rollcall.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.simulator.SimulatedRoster;
import dev.rollcall.simulator.data.RosterGenerator;
import dev.rollcall.simulator.data.Scale;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The streamed pages are byte for byte what serialising the whole answer as one tree gives (the way
 * the simulator answered before it streamed), for every collection of the small roster.
 */
class PageWriterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant BASE_TIME = Instant.parse("2025-08-01T00:00:00Z");

    private final SimulatedRoster roster = new SimulatedRoster(
            new RosterGenerator(42, Scale.SMALL, BASE_TIME), Clock.fixed(BASE_TIME, ZoneOffset.UTC));

    @ParameterizedTest
    @EnumSource(names = {"STANDARD", "TIMEBACK"})
    void streamedPagesAreTheTreeSerialisedBytes(Dialect dialect) throws IOException {
        PageWriter writer = new PageWriter(dialect);
        for (String collection : RosterGenerator.COLLECTIONS) {
            int total = roster.size(collection);
            for (int[] window :
                    List.of(new int[] {0, 100}, new int[] {7, 13}, new int[] {Math.max(0, total - 5), 100})) {
                int offset = window[0];
                int limit = window[1];
                for (List<String> fields : fieldChoices()) {
                    int end = Math.min(total, offset + limit);
                    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
                    long written = writer.writePage(
                            streamed,
                            collection,
                            PageWriter.PageRecords.positions(roster, collection, offset, end),
                            fields,
                            total,
                            limit,
                            offset);

                    assertThat(written).isEqualTo(Math.max(0, end - offset));
                    assertThat(streamed.toString())
                            .as("%s %s offset %d limit %d fields %s", dialect, collection, offset, limit, fields)
                            .isEqualTo(tree(dialect, collection, offset, end, fields, total, limit));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"STANDARD", "TIMEBACK"})
    void singleRecordsAreTheTreeSerialisedBytes(Dialect dialect) throws IOException {
        PageWriter writer = new PageWriter(dialect);
        for (String collection : RosterGenerator.COLLECTIONS) {
            ObjectNode record = roster.at(collection, 1);
            ObjectNode expected = JSON.createObjectNode();
            expected.set("record", presentedAsBefore(dialect, record, null));

            assertThat(new String(writer.single("record", record, null).toBytes()))
                    .isEqualTo(JSON.writeValueAsString(expected));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"STANDARD", "TIMEBACK"})
    void presentingNeverChangesTheRecord(Dialect dialect) {
        ObjectNode record = roster.at("enrollments", 3);
        ObjectNode before = record.deepCopy();

        JsonNode shown = new PageWriter(dialect).present(record, null);

        assertThat(record).isEqualTo(before);
        assertThat(shown.path("primary").isBoolean()).isEqualTo(dialect == Dialect.TIMEBACK);
    }

    private static List<@Nullable List<String>> fieldChoices() {
        List<@Nullable List<String>> choices = new ArrayList<>();
        choices.add(null);
        choices.add(List.of("sourcedId", "status"));
        choices.add(List.of("primary", "enabledUser", "sourcedId", "role"));
        return choices;
    }

    /** The page as the simulator serialised it before streaming: one tree, deep copies for TimeBack. */
    private String tree(
            Dialect dialect,
            String collection,
            int offset,
            int end,
            @Nullable List<String> fields,
            long total,
            int limit) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray(collection);
        for (int position = offset; position < end; position++) {
            records.add(presentedAsBefore(dialect, roster.at(collection, position), fields));
        }
        if (dialect.timebackStyle()) {
            root.put("totalCount", total);
            root.put("pageCount", (total + limit - 1) / limit);
            root.put("pageNumber", offset / limit + 1);
            root.put("offset", offset);
            root.put("limit", limit);
        }
        return JSON.writeValueAsString(root);
    }

    private static JsonNode presentedAsBefore(Dialect dialect, ObjectNode record, @Nullable List<String> fields) {
        ObjectNode shown = record.deepCopy();
        if (fields != null) {
            shown.retain(fields);
        }
        if (dialect.timebackStyle()) {
            for (String field : List.of("enabledUser", "primary")) {
                JsonNode value = shown.get(field);
                if (value != null && value.isString()) {
                    shown.put(field, Boolean.parseBoolean(value.asString()));
                }
            }
        }
        return shown;
    }
}
