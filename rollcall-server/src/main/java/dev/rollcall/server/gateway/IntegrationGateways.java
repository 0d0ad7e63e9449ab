package dev.rollcall.server.gateway;

import dev.rollcall.connector.api.config.ConnectorConfig;
import dev.rollcall.gateway.GatewaySettings;
import dev.rollcall.gateway.Gateways;
import dev.rollcall.gateway.IntegrationGateway;
import dev.rollcall.gateway.limit.InMemoryRateLimitStore;
import dev.rollcall.gateway.limit.PostgresRateLimitStore;
import dev.rollcall.gateway.limit.RateLimitStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * One gateway per integration, kept and reused across runs (tokens, breaker state and cached answers
 * survive between them) and replaced when the integration's gateway settings change. Rate limits
 * live in PostgreSQL unless {@code rollcall.gateway.shared-limits=false}. Thread-safe.
 */
@Component
public class IntegrationGateways {

    private record Kept(GatewaySettings settings, IntegrationGateway gateway) {}

    private static final int PURGE_BATCH = 1_000;

    private final GatewayProperties properties;
    private final RateLimitStore rateLimits;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ConcurrentMap<String, Kept> gateways = new ConcurrentHashMap<>();

    IntegrationGateways(GatewayProperties properties, DataSource dataSource, MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.rateLimits =
                properties.limitsShared() ? new PostgresRateLimitStore(dataSource) : new InMemoryRateLimitStore();
        this.meters = meters;
        this.clock = clock;
        properties.settingsFor(null, null); // fail at start on a bad rollcall.gateway.* value
    }

    /** The gateway of {@code integrationId} for its current configuration. */
    public IntegrationGateway forIntegration(String tenantId, String integrationId, ConnectorConfig config) {
        GatewaySettings settings = properties.settingsFor(
                number(config, GatewayProperties.REQUESTS_PER_SECOND_FIELD),
                number(config, GatewayProperties.MAX_CONCURRENT_FIELD));
        Kept kept = gateways.compute(integrationId, (id, current) -> {
            if (current != null && current.settings().equals(settings)) {
                return current;
            }
            if (current != null) {
                current.gateway().close();
            }
            return new Kept(settings, build(tenantId, id, settings));
        });
        return kept.gateway();
    }

    /** A gateway that is not kept, for checking a configuration not saved yet; the caller closes it. */
    public IntegrationGateway transientGateway(String tenantId, String name, ConnectorConfig config) {
        return build(
                tenantId,
                name,
                properties.settingsFor(
                        number(config, GatewayProperties.REQUESTS_PER_SECOND_FIELD),
                        number(config, GatewayProperties.MAX_CONCURRENT_FIELD)));
    }

    /**
     * Deletes the shared rate-limit rows of buckets that have been full (untouched) long enough,
     * in batches; how many went. Nothing to do when limits are kept in memory.
     */
    public int purgeExpiredRateLimits() {
        if (!(rateLimits instanceof PostgresRateLimitStore store)) {
            return 0;
        }
        int removed = 0;
        for (int batch = 0; batch < 1_000; batch++) {
            int now = store.removeExpired(PURGE_BATCH);
            removed += now;
            if (now < PURGE_BATCH) {
                break;
            }
        }
        return removed;
    }

    /** The kept gateway of an integration, if one was made. */
    public Optional<IntegrationGateway> existing(String integrationId) {
        return Optional.ofNullable(gateways.get(integrationId)).map(Kept::gateway);
    }

    private IntegrationGateway build(String tenantId, String integrationId, GatewaySettings settings) {
        return Gateways.builder()
                .tenant(tenantId)
                .integration(integrationId)
                .settings(settings)
                .rateLimits(rateLimits)
                .meters(meters)
                .clock(clock)
                .build();
    }

    private static @Nullable Long number(ConnectorConfig config, String field) {
        // Only a number counts: a connector whose spec has no such field, or another type, keeps the defaults.
        return config.values().get(field) instanceof Number number && number.longValue() > 0
                ? number.longValue()
                : null;
    }

    @PreDestroy
    void closeAll() {
        gateways.values().forEach(kept -> kept.gateway().close());
        gateways.clear();
    }
}
