package dev.rollcall.simulator.data;

import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.model.OneRosterRules;
import dev.rollcall.connector.api.model.RosterEntity;
import dev.rollcall.connector.api.model.Violation;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/** Test helpers shared by the generator tests. */
final class Rosters {

    static final Instant BASE_TIME = Instant.parse("2025-08-01T00:00:00Z");
    static final long SEED = 42L;

    private Rosters() {}

    static RosterGenerator generator(Scale scale) {
        return new RosterGenerator(SEED, scale, BASE_TIME);
    }

    static String json(JsonNode node) {
        return RosterJson.mapper().writeValueAsString(node);
    }

    static EntityType type(String collection) {
        return EntityType.fromCollection(collection).orElseThrow();
    }

    /** The OneRoster errors of the record, each prefixed with its sourcedId. */
    static List<String> errors(RosterGenerator generator, String collection, int index) {
        JsonNode json = generator.record(collection, index);
        RosterEntity entity = RosterJson.read(type(collection), json);
        return OneRosterRules.errors(entity).stream()
                .map(Violation::toString)
                .map(error -> collection + "[" + index + "] " + json.get("sourcedId") + ": " + error)
                .toList();
    }

    /** First, last, middle and a spread of indexes of the collection. */
    static int[] sample(RosterGenerator generator, String collection, int spread) {
        int count = generator.count(collection);
        return IntStream.concat(
                        IntStream.of(0, 1, count / 2, count - 2, count - 1),
                        IntStream.range(0, spread).map(i -> (int) ((long) i * count / spread)))
                .filter(i -> i >= 0 && i < count)
                .distinct()
                .sorted()
                .toArray();
    }
}
