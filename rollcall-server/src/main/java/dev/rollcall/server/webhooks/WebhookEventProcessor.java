package dev.rollcall.server.webhooks;

import java.util.List;
import java.util.Map;

/**
 * Applies verified inbox events: the connector's webhook support turns each into change hints, each
 * record is taken from the payload or fetched through the gateway, and the engine applies them (same
 * classification, mapping and journal as a sync; an event older than the stored record never
 * overwrites it).
 */
public interface WebhookEventProcessor {

    /** What became of an event. */
    enum Outcome {
        /** Its changes were applied (or were already there). */
        APPLIED,
        /** There was nothing to apply (e.g. an event type the connector does not use). */
        IGNORED
    }

    /**
     * Processes the events of one integration, in arrival order, applying all their records in one
     * engine run (the latest version of each record wins). Returns each event's outcome, or a {@link
     * Poison} for an event that can never be processed (it goes to dead letters; the others go on),
     * or a {@link Failed} for each event whose records could not be applied this time.
     *
     * @throws Exception when the integration's connector cannot be opened: every event is tried again
     */
    Map<Long, Result> processBatch(List<WebhookInbox.Event> events) throws Exception;

    /** One event's result. */
    sealed interface Result {}

    /** Processed. */
    record Done(Outcome outcome) implements Result {}

    /** Can never be processed, and why. */
    record Poison(String reason) implements Result {}

    /** Could not be applied this time (the batch's apply failed), and why: tried again later. */
    record Failed(String reason) implements Result {}
}
