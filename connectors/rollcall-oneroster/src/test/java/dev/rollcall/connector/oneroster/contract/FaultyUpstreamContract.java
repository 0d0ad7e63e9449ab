package dev.rollcall.connector.oneroster.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.connector.api.ConnectorFactory;
import dev.rollcall.connector.api.ReadRequest;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.oneroster.OneRosterConnectorFactory;
import dev.rollcall.connector.testkit.ConnectorContractTest;
import dev.rollcall.connector.testkit.ContractFixture;
import dev.rollcall.connector.testkit.StreamRead;
import dev.rollcall.simulator.http.Dialect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole contract against a simulator that injects one kind of fault into its rostering
 * answers: every read must still complete with every record (the suite's reads retry retriable
 * failures as the engine does) or fail with a classified error. Three streams keep it quick.
 */
abstract class FaultyUpstreamContract extends ConnectorContractTest {

    /** The body of {@code PUT /admin/faults}. */
    protected abstract String faults();

    /** Config fields for this fault (e.g. a short read timeout). */
    protected Map<String, Object> overrides() {
        return Map.of();
    }

    protected Dialect dialect() {
        return Dialect.STANDARD;
    }

    protected String profile() {
        return "oneroster-1.2";
    }

    /** Proof that the faults were there and the read still got every record (pages of 10: many requests). */
    @Test
    void theFaultsWereInjectedAndAbsorbed() throws Exception {
        SimulatorFixture simulator = (SimulatorFixture) fixture();
        long before = simulator.requestsServed();
        StreamRead read = readAll(open(fixture().config()), ReadRequest.full("users", null, 10));
        long served = simulator.requestsServed() - before;
        assertThat(read.records()).hasSize(fixture().expected().stream("users").size());
        assertFaultsAbsorbed(served, read);
    }

    /** By default: more requests reached the simulator (or were retried by the reader) than pages were read. */
    protected void assertFaultsAbsorbed(long served, StreamRead read) {
        assertThat(served + read.retries())
                .as(
                        "requests served for %d pages (%d retried by the reader)",
                        read.pages().size(), read.retries())
                .isGreaterThan(read.pages().size());
    }

    @Override
    protected ConnectorFactory factory() {
        return new OneRosterConnectorFactory();
    }

    @Override
    protected ContractFixture openFixture() {
        return new SimulatorFixture(
                dialect(),
                profile(),
                List.of(EntityType.ORG, EntityType.CLASS, EntityType.USER),
                faults(),
                overrides());
    }
}
