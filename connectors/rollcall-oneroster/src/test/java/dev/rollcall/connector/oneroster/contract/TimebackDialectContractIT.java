package dev.rollcall.connector.oneroster.contract;

import dev.rollcall.connector.api.ConnectorFactory;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.oneroster.OneRosterConnectorFactory;
import dev.rollcall.connector.testkit.ConnectorContractTest;
import dev.rollcall.connector.testkit.ContractFixture;
import dev.rollcall.simulator.http.Dialect;
import java.util.List;
import java.util.Map;

/**
 * The contract against the simulator's TimeBack dialect with the {@code timeback} profile: client
 * credentials in the form body, paging in the body, JSON booleans, trailing-slash paths.
 */
class TimebackDialectContractIT extends ConnectorContractTest {

    @Override
    protected ConnectorFactory factory() {
        return new OneRosterConnectorFactory();
    }

    @Override
    protected ContractFixture openFixture() {
        return new SimulatorFixture(Dialect.TIMEBACK, "timeback", List.of(EntityType.values()), null, Map.of());
    }
}
