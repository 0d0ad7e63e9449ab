package dev.rollcall.simulator.webhook;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One attempt to deliver one message to one subscription, as {@code GET
 * /admin/webhooks/{id}/deliveries} lists it.
 *
 * @param messageId the {@code webhook-id}, the same on every attempt of a message
 * @param attempt 1 for the first attempt
 * @param status the receiver's HTTP status, 0 when there was no answer
 * @param error why the attempt failed without an answer (timeout, refused connection), or null
 * @param delivered true when the receiver answered 2xx
 */
public record DeliveryAttempt(
        String messageId,
        String type,
        int attempt,
        Instant at,
        int status,
        @Nullable String error,
        boolean delivered) {}
