package dev.rollcall.server.webhooks;

/**
 * Applies one verified inbox event: the connector's webhook support turns it into change hints, each
 * record is taken from the payload or fetched through the gateway, and the engine applies it (same
 * classification, mapping and journal as a sync; an event older than the stored record never
 * overwrites it). Throwing means "try again later"; a {@link PoisonEventException} means never.
 */
public interface WebhookEventProcessor {

    /** What became of an event. */
    enum Outcome {
        /** Its changes were applied (or were already there). */
        APPLIED,
        /** There was nothing to apply (e.g. an event type the connector does not use). */
        IGNORED
    }

    Outcome process(WebhookInbox.Event event) throws Exception;

    /** An event that can never be processed; it goes to dead letters with this message. */
    final class PoisonEventException extends Exception {
        public PoisonEventException(String message, Throwable cause) {
            super(message, cause);
        }

        public PoisonEventException(String message) {
            super(message);
        }
    }
}
