package dev.rollcall.store.postgres.sync;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rollcall.connector.api.model.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Single-record lookups in the mapping ledger (external id to local id), for webhook hints,
 * targeted fetches and the API, cached with Caffeine: a hit costs a hash lookup, a miss one indexed
 * query. Absent mappings are cached too (briefly), so a flood of hints for an unknown id does not
 * reach the database each time. {@link PostgresSyncStore} invalidates an integration's entries when
 * it applies a run; entries also expire, so a mapping changed elsewhere is seen within the TTL.
 *
 * <p>Thread-safe.
 */
public final class MappingLookup {

    private record Key(UUID integrationId, EntityType type, String externalId) {}

    private final DataSource dataSource;
    private final Cache<Key, Optional<UUID>> cache;

    public MappingLookup(DataSource dataSource, long maximumSize, Duration timeToLive) {
        this.dataSource = dataSource;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(timeToLive)
                .recordStats()
                .build();
    }

    /** The local id the integration's external id is currently mapped to. */
    public Optional<UUID> localId(UUID integrationId, EntityType type, String externalId) {
        return cache.get(new Key(integrationId, type, externalId), this::load);
    }

    /** Drops every cached entry of the integration. */
    public void invalidate(UUID integrationId) {
        cache.asMap().keySet().removeIf(key -> key.integrationId().equals(integrationId));
    }

    /** How many lookups were answered from memory, for metrics. */
    public double hitRate() {
        return cache.stats().hitRate();
    }

    private Optional<UUID> load(Key key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select local_id from id_mapping
                        where integration_id = ? and entity_type = ? and external_id = ? and valid_to is null""")) {
            select.setObject(1, key.integrationId());
            select.setString(2, EntityTable.of(key.type()).wireName);
            select.setString(3, key.externalId());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new SyncStoreException(e);
        }
    }
}
