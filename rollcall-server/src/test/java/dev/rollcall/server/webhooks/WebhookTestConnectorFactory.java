package dev.rollcall.server.webhooks;

import dev.rollcall.connector.api.Capability;
import dev.rollcall.connector.api.CheckResult;
import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.ConnectorContext;
import dev.rollcall.connector.api.ConnectorDescriptor;
import dev.rollcall.connector.api.ConnectorFactory;
import dev.rollcall.connector.api.Page;
import dev.rollcall.connector.api.ReadMode;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.StreamSpec;
import dev.rollcall.connector.api.config.ConfigSpec;
import dev.rollcall.connector.api.config.ConnectorConfig;
import dev.rollcall.connector.api.error.DataException;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.webhook.ChangeHint;
import dev.rollcall.connector.api.webhook.WebhookSupport;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A connector for the webhook tests: an event {@code {"id", "type":"org.updated", "record":{…}}}
 * carries the full org; {@code "type":"org.touched"} names one by {@code sourcedId} for a fetch (which
 * finds nothing: a delete); anything else is poison.
 */
public class WebhookTestConnectorFactory implements ConnectorFactory {

    public static final String TYPE = "webhook-test";

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor(
                TYPE,
                "Webhook test connector",
                "Parses the webhook tests' events",
                ConfigSpec.builder().build(),
                Set.of(Capability.FULL_READ, Capability.WEBHOOKS, Capability.FETCH_BY_ID),
                List.of(StreamSpec.of(EntityType.ORG, ReadMode.FULL)));
    }

    @Override
    public Connector open(ConnectorConfig config, ConnectorContext context) {
        return new Connector() {
            @Override
            public CheckResult check() {
                return CheckResult.of(List.of());
            }

            @Override
            public Page read(ReadRequest request) {
                return Page.last(List.of(), List.of());
            }

            @Override
            public Optional<SourceRecord> fetch(String stream, String externalId) {
                return Optional.empty();
            }

            @Override
            public Optional<WebhookSupport> webhooks() {
                return Optional.of(request -> {
                    JsonNode event = RosterJson.mapper().readTree(request.body());
                    String type = event.path("type").asString("");
                    String id = event.path("id").asString("");
                    return switch (type) {
                        case "org.updated" -> {
                            JsonNode record = event.path("record");
                            SourceRecord source = SourceRecord.of(RosterJson.read(EntityType.ORG, record), record);
                            yield List.of(new ChangeHint(id, "orgs", source.externalId(), null, source));
                        }
                        case "org.touched" ->
                            List.of(new ChangeHint(
                                    id, "orgs", event.path("sourcedId").asString(), null, null));
                        case "ping" -> List.of();
                        default -> throw new DataException("unknown event type '" + type + "'", null, null);
                    };
                });
            }

            @Override
            public void close() {}
        };
    }
}
