package dev.rollcall.simulator.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A subscription: where events go and which ones.
 *
 * @param eventTypes {@code *} for every event, {@code user.*} for every event of an entity, or an
 *     exact type such as {@code user.updated}
 * @param secret the {@code whsec_} signing secret; shown once, when the subscription is made
 */
public record WebhookSubscription(String id, URI url, List<String> eventTypes, String secret, Instant createdAt) {

    public WebhookSubscription {
        eventTypes = List.copyOf(eventTypes);
    }

    /** Whether an event of this type (e.g. {@code user.updated}) goes to this subscription. */
    public boolean wants(String type) {
        String entity = type.substring(0, Math.max(0, type.indexOf('.')));
        for (String wanted : eventTypes) {
            if (wanted.equals("*") || wanted.equals(type) || wanted.equals(entity + ".*")) {
                return true;
            }
        }
        return false;
    }
}
