package dev.rollcall.server.gateway;

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
import dev.rollcall.connector.api.config.ConfigSpec;
import dev.rollcall.connector.api.config.ConnectorConfig;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.http.ClientSpec;
import dev.rollcall.connector.api.http.UpstreamAuth;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.connector.api.http.UpstreamResponse;
import dev.rollcall.connector.api.model.EntityType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A test connector whose check goes through the gateway it is given: it obtains an OAuth 2.0 token
 * and reads {@code orgs}, reporting each as a finding. Proves that the server hands connectors the
 * integration's gateway.
 */
public class GatewayProbeConnectorFactory implements ConnectorFactory {

    public static final String TYPE = "gateway-probe";

    private static final ConfigSpec SPEC = ConfigSpec.builder()
            .field(ConfigField.url("baseUrl").required())
            .field(ConfigField.url("tokenUrl").required())
            .field(ConfigField.string("clientId").required())
            .field(ConfigField.secret("clientSecret").required())
            .field(ConfigField.integer("requestsPerSecond").range(1, 10_000))
            .build();

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor(
                TYPE,
                "Gateway probe",
                "Checks a connection through the gateway (tests only)",
                SPEC,
                Set.of(Capability.FULL_READ),
                List.of(StreamSpec.of(EntityType.ORG, ReadMode.FULL)));
    }

    @Override
    public Connector open(ConnectorConfig config, ConnectorContext context) {
        UpstreamClient client = context.http()
                .client(ClientSpec.of(
                        config.required("baseUrl", URI.class),
                        new UpstreamAuth.OAuth2ClientCredentials(
                                config.required("tokenUrl", URI.class),
                                config.string("clientId"),
                                config.secret("clientSecret"),
                                null,
                                UpstreamAuth.ClientAuthMethod.BASIC)));
        return new Connector() {
            @Override
            public CheckResult check() {
                List<CheckResult.Finding> findings = new ArrayList<>();
                try {
                    client.authenticate();
                    findings.add(new CheckResult.Finding("token", CheckResult.Status.OK, "obtained a token"));
                    UpstreamResponse orgs = client.send(UpstreamRequest.get(URI.create("orgs"), "orgs"));
                    findings.add(new CheckResult.Finding(
                            "orgs",
                            orgs.isSuccess() ? CheckResult.Status.OK : CheckResult.Status.FAILED,
                            "answered " + orgs.status()));
                } catch (ConnectorException e) {
                    findings.add(new CheckResult.Finding(
                            findings.isEmpty() ? "token" : "orgs", CheckResult.Status.FAILED, e.getMessage()));
                }
                return CheckResult.of(findings);
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
