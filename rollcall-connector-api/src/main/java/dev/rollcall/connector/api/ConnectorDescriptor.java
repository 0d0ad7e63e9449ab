package dev.rollcall.connector.api;

import dev.rollcall.connector.api.config.ConfigSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a connector is: its type (the {@code connector} of an integration, e.g. {@code oneroster}),
 * its name for people, its configuration spec, its capabilities and its streams.
 */
public record ConnectorDescriptor(
        String type,
        String displayName,
        String description,
        ConfigSpec configSpec,
        Set<Capability> capabilities,
        List<StreamSpec> streams) {

    public ConnectorDescriptor {
        if (type == null || !type.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException(
                    "a connector type is lower-case letters, digits and '-', but was '" + type + "'");
        }
        capabilities = Set.copyOf(capabilities);
        streams = List.copyOf(streams);
        if (!capabilities.contains(Capability.FULL_READ)) {
            throw new IllegalArgumentException("connector '" + type + "' must support FULL_READ");
        }
    }

    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    public Optional<StreamSpec> stream(String name) {
        return streams.stream().filter(stream -> stream.name().equals(name)).findFirst();
    }
}
