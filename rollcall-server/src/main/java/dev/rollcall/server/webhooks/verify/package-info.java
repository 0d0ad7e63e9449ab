/**
 * Webhook signature schemes: each checks one provider's signature over the exact bytes received,
 * compares in constant time, enforces the provider's timestamp tolerance where it signs one, accepts
 * any of several active secrets (rotation), and names the event id used for replay protection.
 * Each is tested against that provider's published example or its official library's output.
 */
@NullMarked
package dev.rollcall.server.webhooks.verify;

import org.jspecify.annotations.NullMarked;
