package dev.rollcall.server.sync;

import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.ConnectorContext;
import dev.rollcall.connector.api.config.ConnectorConfig;
import dev.rollcall.connector.oneroster.OneRosterConnectorFactory;
import dev.rollcall.engine.sync.RunContext;
import dev.rollcall.engine.sync.RunOutcome;
import dev.rollcall.engine.sync.Sleeper;
import dev.rollcall.engine.sync.SyncEngine;
import dev.rollcall.engine.sync.SyncMode;
import dev.rollcall.engine.sync.SyncSettings;
import dev.rollcall.gateway.Gateways;
import dev.rollcall.gateway.IntegrationGateway;
import dev.rollcall.store.postgres.sync.PostgresSyncStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The process {@link SimulatorSyncIT} kills with {@code kill -9}: a child JVM that runs one sync
 * session with the real engine, store and OneRoster connector, as a Rollcall instance's job would,
 * until it is killed. Arguments: JDBC URL, database user, tenant, integration, session, the
 * simulator's base URL, the page size.
 */
final class KillableSyncWorker {

    static final String STARTED = "KILLABLE-SYNC-WORKER-STARTED";

    private KillableSyncWorker() {}

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        dataSource.setUser(args[1]);
        UUID tenant = UUID.fromString(args[2]);
        UUID integration = UUID.fromString(args[3]);
        UUID session = UUID.fromString(args[4]);
        OneRosterConnectorFactory factory = new OneRosterConnectorFactory();
        ConnectorConfig config = factory.descriptor()
                .configSpec()
                .validate(Map.of(
                        "profile", "timeback",
                        "baseUrl", args[5],
                        "tokenUrl", "/oauth2/token",
                        "clientId", "demo",
                        "clientSecret", "demo-secret"))
                .validConfig()
                .orElseThrow();
        SyncEngine engine = new SyncEngine(new PostgresSyncStore(dataSource, null), Sleeper.SYSTEM);
        SyncSettings settings =
                SyncSettings.builder().pageSize(Integer.parseInt(args[6])).build();
        try (IntegrationGateway gateway = Gateways.builder()
                        .tenant(tenant.toString())
                        .integration(integration.toString())
                        .build();
                Connector connector = factory.open(
                        config,
                        ConnectorContext.of(tenant.toString(), integration.toString(), Clock.systemUTC(), gateway))) {
            System.out.println(STARTED);
            System.out.flush();
            RunOutcome outcome = engine.run(
                    new RunContext(tenant, integration, session, SyncMode.FULL, List.of(), false),
                    connector,
                    factory.descriptor(),
                    settings,
                    () -> false);
            System.out.println("ended " + outcome.state() + " before it was killed");
        }
    }
}
