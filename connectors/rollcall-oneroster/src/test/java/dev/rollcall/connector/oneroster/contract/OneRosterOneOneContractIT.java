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
 * The contract against the simulator's OneRoster 1.1 dialect with the {@code oneroster-1.1}
 * profile: requests signed with OAuth 1.0a, the {@code /ims/oneroster/v1p1} base. The streams are
 * those whose records 1.1 and 1.2 shape alike, so the simulator's own records are the expected
 * dataset; reading a 1.1 user's single role into {@code roles[]} is covered by {@code
 * TolerantReadingTest}.
 */
class OneRosterOneOneContractIT extends ConnectorContractTest {

    @Override
    protected ConnectorFactory factory() {
        return new OneRosterConnectorFactory();
    }

    @Override
    protected ContractFixture openFixture() {
        return new SimulatorFixture(
                Dialect.ONEROSTER_1_1,
                "oneroster-1.1",
                List.of(
                        EntityType.ORG,
                        EntityType.ACADEMIC_SESSION,
                        EntityType.COURSE,
                        EntityType.CLASS,
                        EntityType.ENROLLMENT),
                null,
                Map.of());
    }
}
