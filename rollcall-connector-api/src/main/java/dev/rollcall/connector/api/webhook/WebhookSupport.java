package dev.rollcall.connector.api.webhook;

import dev.rollcall.connector.api.error.ConnectorException;
import java.util.List;

/**
 * Turns an upstream's webhook events into change hints. Signature verification is done by the
 * server's ingress before this is called; a connector only parses what was verified.
 */
public interface WebhookSupport {

    /**
     * The change hints in one event, in the order they happened.
     *
     * @throws ConnectorException a {@link dev.rollcall.connector.api.error.DataException} when the
     *     event cannot be understood (it goes to dead letters)
     */
    List<ChangeHint> parse(WebhookRequest request) throws ConnectorException;
}
