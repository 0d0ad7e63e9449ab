package dev.rollcall.server.webhooks.verify;

import dev.rollcall.connector.api.webhook.WebhookRequest;
import java.time.Instant;

/**
 * Checks that a webhook request is genuine under one scheme and its endpoint's active secrets.
 * Implementations are immutable and thread-safe; they never throw on bad input (a malformed request
 * is a rejected one) and compare signatures in constant time.
 */
@FunctionalInterface
public interface WebhookVerifier {

    Verification verify(WebhookRequest request, Instant now);
}
