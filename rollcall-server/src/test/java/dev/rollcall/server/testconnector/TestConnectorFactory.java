package dev.rollcall.server.testconnector;

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
import dev.rollcall.connector.api.config.ConfigField;
import dev.rollcall.connector.api.config.ConfigProblem;
import dev.rollcall.connector.api.config.ConfigSpec;
import dev.rollcall.connector.api.config.ConnectorConfig;
import dev.rollcall.connector.api.model.EntityType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A small connector that exists only in the server's tests, to prove the integrations API's
 * mechanism (spec-driven validation, secrets, versions) before a real connector lands. Found
 * through META-INF/services like any connector. An integration whose {@code baseUrl} was given a
 * roster with {@link TestRosters#serve} reads that roster (full and delta); any other reads nothing.
 */
public class TestConnectorFactory implements ConnectorFactory {

    public static final String TYPE = "test";

    static final ConfigSpec SPEC = ConfigSpec.builder()
            .field(ConfigField.url("baseUrl").required().description("The upstream's base URL"))
            .field(ConfigField.secret("apiKey").required().description("The upstream's API key"))
            .field(ConfigField.secret("webhookSecret").description("Signs webhooks, when used"))
            .field(ConfigField.integer("pageSize").range(1, 3000).defaultValue(100))
            .field(ConfigField.oneOf("auth", "api-key", "oauth2").defaultValue("api-key"))
            .field(ConfigField.url("tokenUrl"))
            .field(ConfigField.duration("timeout").defaultValue("30s"))
            .field(ConfigField.stringList("streams"))
            .rule(config -> "oauth2".equals(config.optionalString("auth").orElse(null)) && !config.has("tokenUrl")
                    ? List.of(new ConfigProblem("tokenUrl", "is required when auth is oauth2"))
                    : List.of())
            .build();

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor(
                TYPE,
                "Test connector",
                "Proves the integration API's mechanism in tests",
                SPEC,
                Set.of(Capability.FULL_READ, Capability.DELTA_READ),
                java.util.Arrays.stream(EntityType.values())
                        .map(type -> StreamSpec.of(type, ReadMode.FULL, ReadMode.DELTA))
                        .toList());
    }

    @Override
    public Connector open(ConnectorConfig config, ConnectorContext context) {
        Connector served = TestRosters.connector(
                config.has("baseUrl") ? config.uri("baseUrl").toString() : "");
        if (served != null) {
            return served;
        }
        return new Connector() {
            @Override
            public CheckResult check() {
                return CheckResult.of(List.of(new CheckResult.Finding("config", CheckResult.Status.OK, "valid")));
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
            public void close() {}
        };
    }
}
