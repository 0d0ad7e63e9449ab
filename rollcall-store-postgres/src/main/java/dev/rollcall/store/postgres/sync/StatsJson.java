package dev.rollcall.store.postgres.sync;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.engine.sync.EntityStats;
import dev.rollcall.engine.sync.SyncStats;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session's stats as stored in {@code sync_session.progress} and shown by the API: {@code
 * {"users": {"read": 3, "created": 1, "updated": 0, "unchanged": 2, "deleted": 0, "errors": 0}}},
 * keyed by the OneRoster collection name.
 */
public final class StatsJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StatsJson() {}

    public static ObjectNode toJson(SyncStats stats) {
        ObjectNode root = JSON.createObjectNode();
        for (Map.Entry<EntityType, EntityStats> entry : stats.entities().entrySet()) {
            EntityStats entity = entry.getValue();
            root.putObject(entry.getKey().collection())
                    .put("read", entity.read())
                    .put("created", entity.created())
                    .put("updated", entity.updated())
                    .put("unchanged", entity.unchanged())
                    .put("deleted", entity.deleted())
                    .put("errors", entity.errors());
        }
        return root;
    }

    public static SyncStats fromJson(JsonNode json) {
        SyncStats stats = SyncStats.EMPTY;
        for (Map.Entry<String, JsonNode> entry : json.properties()) {
            EntityType type = EntityType.fromCollection(entry.getKey()).orElse(null);
            if (type == null) {
                continue;
            }
            JsonNode entity = entry.getValue();
            stats = stats.plus(
                    type,
                    new EntityStats(
                            entity.path("read").asLong(),
                            entity.path("created").asLong(),
                            entity.path("updated").asLong(),
                            entity.path("unchanged").asLong(),
                            entity.path("deleted").asLong(),
                            entity.path("errors").asLong()));
        }
        return stats;
    }

    public static SyncStats parse(String text) {
        return fromJson(JSON.readTree(text));
    }
}
