/**
 * The gateway in the server: one {@link dev.rollcall.gateway.IntegrationGateway} per integration,
 * kept across runs ({@link dev.rollcall.server.gateway.IntegrationGateways}), rate limits shared
 * through PostgreSQL, settings from {@code rollcall.gateway.*} ({@link
 * dev.rollcall.server.gateway.GatewayProperties}); and the connection doctor's endpoints ({@link
 * dev.rollcall.server.gateway.ConnectionCheckController}).
 */
@NullMarked
package dev.rollcall.server.gateway;

import org.jspecify.annotations.NullMarked;
