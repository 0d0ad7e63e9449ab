/**
 * Webhooks out, as TimeBack's platform sends them: subscriptions (a URL and event types), one
 * event per changed record signed in the Standard Webhooks format with a {@code whsec_} secret,
 * delivered in order per subscription on a background thread and retried with exponential backoff.
 */
@NullMarked
package dev.rollcall.simulator.webhook;

import org.jspecify.annotations.NullMarked;
