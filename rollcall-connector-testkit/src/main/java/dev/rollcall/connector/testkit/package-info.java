/**
 * The contract every connector passes: {@link dev.rollcall.connector.testkit.ConnectorContractTest}
 * is extended once per connector and upstream, with a {@link
 * dev.rollcall.connector.testkit.ContractFixture} that says what the upstream holds. Capabilities
 * come from the connector's descriptor, not from skip lists.
 */
@NullMarked
package dev.rollcall.connector.testkit;

import org.jspecify.annotations.NullMarked;
