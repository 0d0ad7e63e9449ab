package dev.rollcall.engine;

import dev.rollcall.connector.api.ConnectorDescriptor;
import dev.rollcall.connector.api.ConnectorFactory;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The connectors this installation has, by type. Found with {@link ServiceLoader}, so a connector
 * jar on the class path is all it takes to add one. Immutable and thread-safe.
 */
public final class ConnectorCatalog {

    private final Map<String, ConnectorFactory> factories;

    private ConnectorCatalog(Collection<ConnectorFactory> factories) {
        Map<String, ConnectorFactory> byType = new LinkedHashMap<>();
        factories.stream()
                .sorted(Comparator.comparing(factory -> factory.descriptor().type()))
                .forEach(factory -> {
                    ConnectorFactory previous =
                            byType.putIfAbsent(factory.descriptor().type(), factory);
                    if (previous != null) {
                        throw new IllegalStateException("two connectors claim the type '"
                                + factory.descriptor().type() + "': "
                                + previous.getClass().getName()
                                + " and " + factory.getClass().getName());
                    }
                });
        this.factories = Map.copyOf(byType);
    }

    /** The connectors found on the class path of {@code classLoader}. */
    public static ConnectorCatalog load(ClassLoader classLoader) {
        return of(ServiceLoader.load(ConnectorFactory.class, classLoader).stream()
                .map(ServiceLoader.Provider::get)
                .toList());
    }

    public static ConnectorCatalog of(Collection<ConnectorFactory> factories) {
        return new ConnectorCatalog(factories);
    }

    public Optional<ConnectorFactory> find(String type) {
        return Optional.ofNullable(factories.get(type));
    }

    public List<ConnectorDescriptor> descriptors() {
        return factories.values().stream()
                .map(ConnectorFactory::descriptor)
                .sorted(Comparator.comparing(ConnectorDescriptor::type))
                .toList();
    }

    public List<String> types() {
        return descriptors().stream().map(ConnectorDescriptor::type).toList();
    }
}
