package dev.rollcall.server.integrations;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The body of a create ({@code POST}) or an update ({@code PUT}). On an update, a secret sent back
 * as {@code "********"} keeps its stored value, so a client can send what it read; the connector
 * cannot change.
 *
 * <p>{@link #toString()} leaves the configuration's values out: Spring MVC logs request bodies at
 * debug level, and the configuration holds secrets.
 */
public record IntegrationRequest(
        @Nullable String name,
        @Nullable String connector,
        @Nullable Map<String, @Nullable Object> config) {

    @Override
    public String toString() {
        return "IntegrationRequest[name=" + name + ", connector=" + connector + ", config fields="
                + (config == null ? "none" : config.keySet()) + "]";
    }
}
