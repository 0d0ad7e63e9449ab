package dev.rollcall.connector.oneroster.internal;

import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.error.DataException;
import dev.rollcall.connector.api.json.IsoInstants;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.webhook.ChangeHint;
import dev.rollcall.connector.api.webhook.WebhookRequest;
import dev.rollcall.connector.api.webhook.WebhookSupport;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Roster change events as TimeBack's platform (and Rollcall's simulator) send them, in the Standard
 * Webhooks envelope: {@code {"type": "<entity>.created|updated|deleted", "timestamp": "…", "data":
 * {"sourcedId": "…", "entity": "<collection>", "record": {…}}}}. A full record becomes a hint that
 * carries it (no fetch needed; a {@code deleted} event's record is read as deleted); an event without
 * one becomes a hint the engine fetches. The event id is the {@code webhook-id} header. Unknown
 * collections and malformed events are {@link DataException}s (they go to dead letters); a record
 * that fails the model's rules is one too, naming the field.
 */
final class OneRosterWebhooks implements WebhookSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RecordParser parser;

    OneRosterWebhooks(RecordParser parser) {
        this.parser = parser;
    }

    @Override
    public List<ChangeHint> parse(WebhookRequest request) throws ConnectorException {
        JsonNode event;
        try {
            event = JSON.readTree(request.body());
        } catch (JacksonException e) {
            throw new DataException("the event is not JSON: " + RecordParser.describe(e), null, null);
        }
        String eventId = request.header("webhook-id").orElse(text(event, "id"));
        String type = text(event, "type");
        JsonNode data = event.path("data");
        if (type == null || !data.isObject()) {
            throw new DataException("the event needs a 'type' and a 'data' object", null, null);
        }
        String collection = Optional.ofNullable(text(data, "entity")).orElse(type.split("\\.", 2)[0]);
        EntityType entityType = Arrays.stream(EntityType.values())
                .filter(candidate -> candidate.collection().equals(collection))
                .findFirst()
                .orElseThrow(() -> new DataException(
                        "data.entity: '" + collection + "' is not a OneRoster collection", null, null));
        String externalId = text(data, "sourcedId");
        JsonNode record = data.get("record");
        if (externalId == null && record != null) {
            externalId = text(record, "sourcedId");
        }
        if (externalId == null) {
            throw new DataException("data.sourcedId: is required", null, null);
        }
        Instant occurredAt = IsoInstants.parse(text(event, "timestamp"));
        if (record == null || !record.isObject()) {
            return List.of(
                    new ChangeHint(eventId == null ? externalId : eventId, collection, externalId, occurredAt, null));
        }
        JsonNode body = record;
        if (type.endsWith(".deleted") && !"tobedeleted".equals(text(record, "status"))) {
            body = ((tools.jackson.databind.node.ObjectNode) record.deepCopy()).put("status", "tobedeleted");
        }
        return switch (parser.parse(entityType, body)) {
            case RecordParser.Good good ->
                List.of(new ChangeHint(
                        eventId == null ? externalId : eventId, collection, externalId, occurredAt, good.record()));
            case RecordParser.Bad bad ->
                throw new DataException(
                        "data.record: " + bad.error().reason(), bad.error().externalId(), null);
        };
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() && !value.stringValue().isBlank() ? value.stringValue() : null;
    }
}
