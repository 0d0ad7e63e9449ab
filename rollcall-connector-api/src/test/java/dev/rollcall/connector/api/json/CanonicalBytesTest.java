package dev.rollcall.connector.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.model.RosterEntity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The bytes written straight from the model are the tree writer's bytes, or none at all. */
class CanonicalBytesTest {

    private static final String SAMPLES = "dev.rollcall.connector.api.model.ModelJsonTest#everyEntity";

    private static RosterEntity read(EntityType type, String json) {
        return RosterJson.read(type, RosterJson.mapper().readTree(json));
    }

    private static RosterEntity withMetadata(EntityType type, String sample, String metadata) {
        ObjectNode tree = (ObjectNode) RosterJson.mapper().readTree(sample);
        tree.set("metadata", RosterJson.mapper().readTree(metadata));
        return RosterJson.read(type, tree);
    }

    private static String direct(RosterEntity entity) {
        byte[] bytes = CanonicalBytes.of(entity);
        assertThat(bytes).as("written straight from the model").isNotNull();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String throughTree(RosterEntity entity) {
        return new String(CanonicalJson.toCanonicalBytesThroughTree(entity), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource(SAMPLES)
    void everyEntityIsWrittenStraightFromTheModelAsTheTreeWriterWritesIt(EntityType type, String json) {
        RosterEntity entity = read(type, json);

        assertThat(direct(entity)).isEqualTo(throughTree(entity));
        assertThat(CanonicalJson.checksum(entity)).isEqualTo(CanonicalJson.checksum(RosterJson.toTree(entity)));
    }

    @ParameterizedTest
    @MethodSource(SAMPLES)
    void theSortedTreeIsTheTreeWithItsMembersInNameOrder(EntityType type, String json) {
        RosterEntity entity = read(type, json);
        JsonNode sorted = RosterJson.toSortedTree(entity);

        assertThat(sorted).isEqualTo(RosterJson.toTree(entity));
        assertThat(new ArrayList<>(sorted.propertyNames())).isSorted();
        assertThat(CanonicalJson.checksum(sorted)).isEqualTo(CanonicalJson.checksum(RosterJson.toTree(entity)));
        assertThat(CanonicalJson.toCanonicalString(sorted)).isEqualTo(throughTree(entity));
    }

    @ParameterizedTest
    @MethodSource(SAMPLES)
    void metadataInAnyOrderWithNullsNestingAndNumbersIsCanonicalToo(EntityType type, String json) {
        if (type == EntityType.CLASS) {
            return; // the class sample has no metadata member, and adds nothing here
        }
        String metadata = """
                {"zeta": 1, "alpha": {"y": null, "x": [3, null, "a"], "b": {"d": 1.50, "c": 1e2}},
                 "mid": "quote \\" and backslash \\\\ and /slash/", "é": "naïve – ✓ 😀", "": "empty name",
                 "big": 123456789012345678901234567890, "neg": -0.0, "nil": null, "t": true, "list": []}
                """;
        RosterEntity entity = withMetadata(type, json, metadata);

        assertThat(CanonicalJson.toCanonicalBytes(entity))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo(throughTree(entity));
        RosterEntity withoutEmptyName = withMetadata(type, json, metadata.replace("\"\": \"empty name\",", ""));
        assertThat(direct(withoutEmptyName)).isEqualTo(throughTree(withoutEmptyName));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tab\\there", "new\\nline", "bell\\u0007", "lone \\ud800 surrogate", "nul\\u0000"})
    void textTheTwoWritersEscapeDifferentlyIsLeftToTheTreeWriter(String text) {
        RosterEntity entity = read(EntityType.ENROLLMENT, """
                {"sourcedId": "e-1", "status": "active", "role": "student",
                 "user": {"sourcedId": "u-1", "type": "user"}, "class": {"sourcedId": "c-1", "type": "class"},
                 "metadata": {"note": "%s"}}
                """.formatted(text));

        assertThat(CanonicalBytes.of(entity)).isNull();
        assertThat(CanonicalJson.toCanonicalBytes(entity))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo(throughTree(entity));
    }

    @Test
    void randomMetadataGivesTheTreeWritersBytes() {
        Random random = new Random(20261206);
        String sample = """
                {"sourcedId": "e-1", "status": "active", "role": "student", "dateLastModified": "2026-01-02T03:04:05.678Z",
                 "user": {"sourcedId": "u-1", "type": "user"}, "class": {"sourcedId": "c-1", "type": "class"},
                 "metadata": {}}
                """;
        int direct = 0;
        for (int i = 0; i < 2_000; i++) {
            JsonNode metadata = randomObject(random, 3);
            RosterEntity entity = withMetadata(EntityType.ENROLLMENT, sample, metadata.toString());
            byte[] bytes = CanonicalBytes.of(entity);
            if (bytes != null) {
                direct++;
                assertThat(new String(bytes, StandardCharsets.UTF_8))
                        .as("metadata %s", metadata)
                        .isEqualTo(throughTree(entity));
            }
            assertThat(CanonicalJson.toCanonicalBytes(entity))
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo(throughTree(entity));
        }
        assertThat(direct).as("records written straight from the model").isGreaterThan(1_000);
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode node = RosterJson.mapper().createObjectNode();
        int members = random.nextInt(5);
        for (int i = 0; i < members; i++) {
            node.set(randomText(random, false), randomValue(random, depth - 1));
        }
        return node;
    }

    private static JsonNode randomValue(Random random, int depth) {
        var nodes = RosterJson.mapper().getNodeFactory();
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> nodes.nullNode();
            case 1 -> nodes.booleanNode(random.nextBoolean());
            case 2 -> nodes.numberNode(random.nextInt(2_000) - 1_000);
            case 3 ->
                nodes.numberNode(new java.math.BigDecimal(
                        java.math.BigInteger.valueOf(random.nextLong() % 100_000), random.nextInt(6) - 2));
            case 4 -> nodes.numberNode(random.nextLong());
            case 5, 6 -> nodes.stringNode(randomText(random, random.nextInt(20) == 0));
            case 7 -> {
                var array = nodes.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth - 1));
                }
                yield array;
            }
            default -> randomObject(random, depth - 1);
        };
    }

    private static String randomText(Random random, boolean withControl) {
        String alphabet = "abcXYZ019 _-/\"\\éß✓\u007f\u2028\u00a0";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(6) + 1; i > 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        if (withControl) {
            text.append('\n');
        }
        if (random.nextInt(30) == 0) {
            text.append("😀");
        }
        return text.toString();
    }
}
