package dev.rollcall.server.webhooks;

import dev.rollcall.server.security.Caller;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Puts received webhook events back in the inbox queue: for the replay endpoints and for the
 * dead-letter replay. The events are processed again by the workers, asynchronously, and the
 * replay is audited. Thread-safe.
 */
@Component
public class WebhookEventReplay {

    private final WebhookEndpointService endpoints;
    private final WebhookInbox inbox;
    private final WebhookWorkers workers;
    private final Clock clock;

    WebhookEventReplay(WebhookEndpointService endpoints, WebhookInbox inbox, WebhookWorkers workers, Clock clock) {
        this.endpoints = endpoints;
        this.inbox = inbox;
        this.workers = workers;
        this.clock = clock;
    }

    /**
     * Re-queues one event.
     *
     * @return false when the endpoint has no such event, or it is being processed right now
     * @throws dev.rollcall.server.web.ApiProblem 404 when the caller's tenant has no such endpoint
     */
    public boolean requeue(Caller caller, UUID endpointId, long eventId) {
        return requeue(caller, endpointId, eventId, eventId) > 0;
    }

    /**
     * Re-queues the endpoint's events with ids from {@code fromId} to {@code toId} that are not
     * being processed; how many. A range request is audited even when it matched nothing.
     *
     * @throws dev.rollcall.server.web.ApiProblem 404 when the caller's tenant has no such endpoint
     */
    int requeue(Caller caller, UUID endpointId, long fromId, long toId) {
        endpoints.existing(caller, endpointId);
        int replayed = inbox.replay(caller.tenantId(), endpointId, fromId, toId, clock.instant());
        if (replayed > 0 || fromId != toId) {
            endpoints.audited(caller, endpointId, fromId, toId, replayed);
        }
        if (replayed > 0) {
            workers.wake();
        }
        return replayed;
    }
}
