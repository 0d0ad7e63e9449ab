package dev.rollcall.server.webhooks;

import dev.rollcall.server.security.Caller;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Puts one received webhook event back in the inbox queue, for callers outside this package (the
 * dead-letter replay): the same effect as {@code POST /api/v1/webhooks/{endpoint}/events/{id}/replay}
 * — the event is processed again by the workers, asynchronously, and the replay is audited.
 * Thread-safe.
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
     * Re-queues the event.
     *
     * @return false when the endpoint has no such event, or it is being processed right now
     * @throws dev.rollcall.server.web.ApiProblem 404 when the caller's tenant has no such endpoint
     */
    public boolean requeue(Caller caller, UUID endpointId, long eventId) {
        endpoints.existing(caller, endpointId);
        int replayed = inbox.replay(caller.tenantId(), endpointId, eventId, eventId, clock.instant());
        if (replayed == 0) {
            return false;
        }
        endpoints.audited(caller, endpointId, eventId, eventId, replayed);
        workers.wake();
        return true;
    }
}
