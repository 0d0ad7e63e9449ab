package dev.rollcall.connector.api;

import dev.rollcall.connector.api.config.ConnectorConfig;
import dev.rollcall.connector.api.error.ConnectorException;

/**
 * The entry point of a connector, found through {@link java.util.ServiceLoader}: a connector jar
 * lists its factory in {@code META-INF/services/dev.rollcall.connector.api.ConnectorFactory}.
 *
 * <p><b>Lifecycle.</b> The runtime creates one factory per JVM and keeps it for the life of the
 * process. {@link #descriptor()} must be cheap and constant. {@link #open} is called for each
 * unit of work (a sync run, a connection check, a webhook-triggered fetch) with a configuration
 * that has already passed {@link ConnectorDescriptor#configSpec()}; the caller closes the
 * connector when the work ends.
 *
 * <p><b>Threading.</b> A factory is called from many threads at once and must be stateless or
 * thread-safe.
 */
public interface ConnectorFactory {

    /** What this connector is and what it can do. */
    ConnectorDescriptor descriptor();

    /**
     * Opens a connector on a validated configuration. Must not do I/O that can fail slowly; the
     * first call over the network belongs in {@link Connector#check()} or {@link Connector#read}.
     *
     * @throws ConnectorException classified, if the configuration cannot be used at all
     */
    Connector open(ConnectorConfig config, ConnectorContext context) throws ConnectorException;
}
