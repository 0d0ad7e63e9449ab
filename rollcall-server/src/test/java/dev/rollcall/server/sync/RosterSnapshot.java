package dev.rollcall.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.connector.api.json.CanonicalJson;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.simulator.Simulator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A roster reduced to what two rosters must agree on: per entity, each external id with the checksum
 * of its canonical record and its status. Taken from the simulator (what the upstream holds) or from
 * Rollcall's tables through the mapping ledger (what an integration synced), so the two compare
 * record for record whatever Rollcall's local ids are.
 */
record RosterSnapshot(Map<EntityType, Map<String, String>> entities) {

    /** Each entity's roster table and its name in {@code id_mapping.entity_type}. */
    static final Map<EntityType, String[]> TABLES = tables();

    private static Map<EntityType, String[]> tables() {
        Map<EntityType, String[]> tables = new EnumMap<>(EntityType.class);
        tables.put(EntityType.ORG, new String[] {"roster_org", "org"});
        tables.put(EntityType.ACADEMIC_SESSION, new String[] {"roster_academic_session", "academicSession"});
        tables.put(EntityType.COURSE, new String[] {"roster_course", "course"});
        tables.put(EntityType.CLASS, new String[] {"roster_class", "class"});
        tables.put(EntityType.USER, new String[] {"roster_user", "user"});
        tables.put(EntityType.ENROLLMENT, new String[] {"roster_enrollment", "enrollment"});
        tables.put(EntityType.DEMOGRAPHICS, new String[] {"roster_demographics", "demographics"});
        return tables;
    }

    static RosterSnapshot of(Simulator simulator) {
        Map<EntityType, Map<String, String>> entities = new EnumMap<>(EntityType.class);
        for (EntityType type : EntityType.values()) {
            Map<String, String> records = new HashMap<>();
            simulator.roster().forEach(type.collection(), record -> {
                String checksum =
                        CanonicalJson.checksum(RosterJson.read(type, record)).hex();
                records.put(
                        record.path("sourcedId").asString(),
                        checksum + ":" + record.path("status").asString());
            });
            entities.put(type, records);
        }
        return new RosterSnapshot(entities);
    }

    static RosterSnapshot of(JdbcClient jdbc, UUID integration) {
        Map<EntityType, Map<String, String>> entities = new EnumMap<>(EntityType.class);
        TABLES.forEach((type, table) -> {
            Map<String, String> records = new HashMap<>();
            jdbc.sql("""
                            select m.external_id, encode(r.checksum, 'hex') || ':' || r.status
                            from id_mapping m join %s r on r.id = m.local_id
                            where m.integration_id = :integration and m.entity_type = :type and m.valid_to is null
                            """.formatted(table[0]))
                    .param("integration", integration)
                    .param("type", table[1])
                    .query((rs, row) -> records.put(rs.getString(1), rs.getString(2)))
                    .list();
            entities.put(type, records);
        });
        return new RosterSnapshot(entities);
    }

    long size() {
        return entities.values().stream().mapToLong(Map::size).sum();
    }

    /** Compares entity by entity, so a failure names the entity and the ids that differ. */
    void assertEquals(RosterSnapshot expected) {
        for (EntityType type : EntityType.values()) {
            Map<String, String> actual = entities.getOrDefault(type, Map.of());
            Map<String, String> wanted = expected.entities.getOrDefault(type, Map.of());
            List<String> differing = new ArrayList<>();
            wanted.forEach((id, value) -> {
                if (!value.equals(actual.get(id))) {
                    differing.add(id + " (expected " + value + ", was " + actual.get(id) + ")");
                }
            });
            actual.keySet().stream()
                    .filter(id -> !wanted.containsKey(id))
                    .forEach(id -> differing.add(id + " (not expected)"));
            assertThat(differing)
                    .as(
                            "%s: %d expected, %d synced; the first differences",
                            type.collection(), wanted.size(), actual.size())
                    .isEmpty();
        }
    }

    /**
     * Checks every {@code every}-th record of each entity field by field: Rollcall's stored record,
     * with its local ids (its own and those of its references) mapped back to external ids through
     * the ledger, equals the simulator's record in canonical form.
     */
    static int assertRecordsMatch(JdbcClient jdbc, UUID integration, Simulator simulator, int every) {
        Map<String, String> external = new HashMap<>();
        jdbc.sql("select local_id::text, external_id from id_mapping where integration_id = :integration"
                        + " and valid_to is null")
                .param("integration", integration)
                .query((rs, row) -> external.put(rs.getString(1), rs.getString(2)))
                .list();
        int compared = 0;
        for (Map.Entry<EntityType, String[]> table : TABLES.entrySet()) {
            EntityType type = table.getKey();
            Map<String, JsonNode> expected = new LinkedHashMap<>();
            int[] position = {0};
            simulator.roster().forEach(type.collection(), record -> {
                if (position[0]++ % every == 0) {
                    JsonNode canonical = RosterJson.toTree(RosterJson.read(type, record));
                    withoutHrefs(canonical);
                    expected.put(record.path("sourcedId").asString(), canonical);
                }
            });
            Map<String, JsonNode> stored = new HashMap<>();
            jdbc.sql("""
                            select m.external_id, r.record::text
                            from id_mapping m join %s r on r.id = m.local_id
                            where m.integration_id = :integration and m.entity_type = :type and m.valid_to is null
                              and m.external_id = any(string_to_array(:ids, ','))
                            """.formatted(table.getValue()[0]))
                    .param("integration", integration)
                    .param("type", table.getValue()[1])
                    .param("ids", String.join(",", expected.keySet()))
                    .query((rs, row) ->
                            stored.put(rs.getString(1), RosterJson.mapper().readTree(rs.getString(2))))
                    .list();
            for (Map.Entry<String, JsonNode> wanted : expected.entrySet()) {
                JsonNode record = stored.get(wanted.getKey());
                assertThat(record)
                        .as("%s %s is in the roster", type.collection(), wanted.getKey())
                        .isNotNull();
                ObjectNode translated = (ObjectNode) record.deepCopy();
                toExternalIds(translated, external);
                // canonical JSON: key order and number spelling (1 as an int or a long) do not count
                assertThat(CanonicalJson.toCanonicalString(translated))
                        .as("%s %s, Rollcall's record in external ids", type.collection(), wanted.getKey())
                        .isEqualTo(CanonicalJson.toCanonicalString(wanted.getValue()));
                compared++;
            }
        }
        return compared;
    }

    private static void toExternalIds(JsonNode node, Map<String, String> external) {
        if (node instanceof ObjectNode object) {
            String id = object.path("sourcedId").asString("");
            if (external.containsKey(id)) {
                object.put("sourcedId", external.get(id));
            }
        }
        node.forEach(child -> toExternalIds(child, external));
    }

    private static void withoutHrefs(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("sourcedId")) {
            object.remove("href");
        }
        node.forEach(RosterSnapshot::withoutHrefs);
    }

    /**
     * Per roster table, a digest of every row of the tenant with its physical version ({@code xmin})
     * and {@code date_last_modified}: equal digests mean no row was written.
     */
    static Map<String, String> rowVersions(JdbcClient jdbc, UUID tenant) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String[] table : TABLES.values()) {
            versions.put(
                    table[0],
                    jdbc.sql("""
                                    select count(*) || ':' || coalesce(md5(string_agg(
                                        id::text || '/' || xmin::text || '/' || date_last_modified::text, ',' order by id)), '-')
                                    from %s where tenant_id = :tenant
                                    """.formatted(table[0]))
                            .param("tenant", tenant)
                            .query(String.class)
                            .single());
        }
        return versions;
    }
}
