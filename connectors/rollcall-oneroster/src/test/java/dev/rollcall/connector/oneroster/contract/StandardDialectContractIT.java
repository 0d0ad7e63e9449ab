package dev.rollcall.connector.oneroster.contract;

import dev.rollcall.connector.api.ConnectorFactory;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.oneroster.OneRosterConnectorFactory;
import dev.rollcall.connector.testkit.ConnectorContractTest;
import dev.rollcall.connector.testkit.ContractFixture;
import dev.rollcall.simulator.http.Dialect;
import java.util.List;
import java.util.Map;

/** The contract against the simulator's 1EdTech binding: paging in headers, string booleans. */
class StandardDialectContractIT extends ConnectorContractTest {

    @Override
    protected ConnectorFactory factory() {
        return new OneRosterConnectorFactory();
    }

    @Override
    protected ContractFixture openFixture() {
        return new SimulatorFixture(Dialect.STANDARD, "oneroster-1.2", List.of(EntityType.values()), null, Map.of());
    }
}
