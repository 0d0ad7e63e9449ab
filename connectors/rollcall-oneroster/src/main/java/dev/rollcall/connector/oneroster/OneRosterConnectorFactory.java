package dev.rollcall.connector.oneroster;

import dev.rollcall.connector.api.Capability;
import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.ConnectorContext;
import dev.rollcall.connector.api.ConnectorDescriptor;
import dev.rollcall.connector.api.ConnectorFactory;
import dev.rollcall.connector.api.ReadMode;
import dev.rollcall.connector.api.StreamSpec;
import dev.rollcall.connector.api.config.ConnectorConfig;
import dev.rollcall.connector.api.error.ConfigurationException;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.oneroster.internal.OneRosterConnector;
import dev.rollcall.connector.oneroster.internal.OneRosterSettings;
import java.util.Arrays;
import java.util.Set;

/**
 * The {@code oneroster} connector: OneRoster 1.2 and 1.1 REST servers, TimeBack among them, chosen
 * by a {@link OneRosterProfile} and overrides. Every rostering collection is a stream with full and
 * delta reads; fetch by id; writes where the profile allows them. Found through {@link
 * java.util.ServiceLoader}. Stateless and thread-safe.
 */
public final class OneRosterConnectorFactory implements ConnectorFactory {

    public static final String TYPE = "oneroster";

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            TYPE,
            "OneRoster REST",
            "OneRoster 1.1 and 1.2 REST servers (1EdTech binding, TimeBack and others): full and delta reads of "
                    + "every rostering collection, fetch by id, writes where the server allows them.",
            OneRosterSettings.SPEC,
            Set.of(
                    Capability.FULL_READ,
                    Capability.DELTA_READ,
                    Capability.FETCH_BY_ID,
                    Capability.WRITE,
                    Capability.WEBHOOKS),
            Arrays.stream(EntityType.values())
                    .map(type -> StreamSpec.of(type, ReadMode.FULL, ReadMode.DELTA))
                    .toList());

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Connector open(ConnectorConfig config, ConnectorContext context) throws ConfigurationException {
        try {
            return new OneRosterConnector(OneRosterSettings.resolve(config), context);
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            throw new ConfigurationException("the oneroster configuration cannot be used: " + e.getMessage(), e);
        }
    }
}
