/**
 * The gateway: the one client stack through which every connector's HTTP goes. Build one {@link
 * dev.rollcall.gateway.IntegrationGateway} per integration with {@link dev.rollcall.gateway.Gateways}
 * and hand it to the connector as its {@link dev.rollcall.connector.api.http.HttpGateway}.
 * Implementation classes live in {@code internal}.
 */
@NullMarked
package dev.rollcall.gateway;

import org.jspecify.annotations.NullMarked;
