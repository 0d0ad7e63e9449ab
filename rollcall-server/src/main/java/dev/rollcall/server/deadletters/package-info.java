/**
 * Dead letters: what a sync or the webhook workers could not apply, listed and shown with their full
 * context and payload, and resolved by an operator by replaying (the record is fetched again and
 * applied through the engine, or the webhook event is queued again) or by discarding it.
 */
@NullMarked
package dev.rollcall.server.deadletters;

import org.jspecify.annotations.NullMarked;
