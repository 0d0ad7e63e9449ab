package dev.rollcall.gateway.internal;

import dev.rollcall.gateway.GatewaySettings;
import dev.rollcall.gateway.Sleeper;
import io.github.resilience4j.bulkhead.Bulkhead;
import java.time.Clock;

/** What every client stack of one integration shares. */
public record IntegrationStack(
        String integrationId,
        GatewaySettings.Retry retry,
        BreakerGuard breaker,
        Bulkhead bulkhead,
        ResponseCache cache,
        GatewayMetrics metrics,
        Clock clock,
        Sleeper sleeper) {}
