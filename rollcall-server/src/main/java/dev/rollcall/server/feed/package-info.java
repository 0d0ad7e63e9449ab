/**
 * The change feed and what is built on it: {@code GET /api/v1/changes} (cursor-pulled, in commit
 * order per tenant), the journal's retention, outbound webhook subscriptions (Standard Webhooks
 * signatures, at least once, in order per subscription, backoff, disable and alert, replay), and
 * point-in-time reads of the roster ({@code GET /api/v1/roster/{entity}?asOf=}).
 *
 * <p>The cursor is the journal's {@code seq}; it is safe to read with {@code seq > cursor} because
 * every journal writer follows {@link dev.rollcall.store.postgres.ChangeJournalLock}.
 */
@NullMarked
package dev.rollcall.server.feed;

import org.jspecify.annotations.NullMarked;
