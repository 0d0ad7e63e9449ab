package dev.rollcall.server.sync;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.engine.sync.NaturalKey;
import dev.rollcall.engine.sync.SyncSettings;
import dev.rollcall.server.web.ApiProblem.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An integration's engine settings as JSON (kept in {@code sync_schedule.settings}): {@code
 * pageSize}, {@code overlapSeconds}, {@code massChangeShare}, {@code massChangeMinimum}, {@code
 * maxAttempts}, {@code naturalKeys} ({@code {"users": "email"}}). Reading collects every problem,
 * each naming its field.
 */
final class SyncSettingsJson {

    private SyncSettingsJson() {}

    static SyncSettings read(JsonNode json, String prefix, List<FieldError> problems) {
        SyncSettings.Builder builder = SyncSettings.builder();
        if (json == null || json.isNull() || json.isMissingNode()) {
            return builder.build();
        }
        if (!json.isObject()) {
            problems.add(new FieldError(prefix, "must be an object"));
            return builder.build();
        }
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            String name = prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            try {
                switch (field.getKey()) {
                    case "pageSize" -> builder.pageSize(integer(value, name));
                    case "overlapSeconds" -> builder.overlap(Duration.ofSeconds(integer(value, name)));
                    case "massChangeShare" -> {
                        if (!value.isNumber()) {
                            throw new IllegalArgumentException("must be a number");
                        }
                        builder.massChangeShare(value.doubleValue());
                    }
                    case "massChangeMinimum" -> builder.massChangeMinimum(integer(value, name));
                    case "maxAttempts" -> builder.maxAttempts(integer(value, name));
                    case "naturalKeys" -> {
                        for (Map.Entry<String, JsonNode> key : value.properties()) {
                            EntityType type = EntityType.fromCollection(key.getKey())
                                    .orElseThrow(() -> new IllegalArgumentException("'" + key.getKey()
                                            + "' is not an entity; use a OneRoster collection name such as users"));
                            builder.naturalKey(
                                    type,
                                    NaturalKey.fromConfigName(key.getValue().asString("")));
                        }
                    }
                    default ->
                        problems.add(new FieldError(
                                name,
                                "is not a setting; known are pageSize, overlapSeconds, massChangeShare,"
                                        + " massChangeMinimum, maxAttempts, naturalKeys"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new FieldError(name, e.getMessage()));
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            problems.add(new FieldError(prefix, e.getMessage()));
            return SyncSettings.DEFAULTS;
        }
    }

    private static int integer(JsonNode value, String name) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException("must be a whole number");
        }
        return value.intValue();
    }
}
