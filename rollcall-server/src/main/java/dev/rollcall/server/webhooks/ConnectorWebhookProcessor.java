package dev.rollcall.server.webhooks;

import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.error.DataException;
import dev.rollcall.connector.api.webhook.ChangeHint;
import dev.rollcall.connector.api.webhook.WebhookRequest;
import dev.rollcall.connector.api.webhook.WebhookSupport;
import dev.rollcall.server.connectors.ConnectorRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The processor: the integration's connector parses the event into change hints; a hint that carries
 * the full record is used as is, otherwise the record is fetched through the gateway (a 404 is a
 * delete); the records go to the {@link WebhookChangeSink}. An event the connector cannot understand,
 * or a record it cannot read, is poison; any other failure is retried.
 */
@Component
class ConnectorWebhookProcessor implements WebhookEventProcessor {

    private final ConnectorRuntime connectors;
    private final ObjectProvider<WebhookChangeSink> sink;

    ConnectorWebhookProcessor(ConnectorRuntime connectors, ObjectProvider<WebhookChangeSink> sink) {
        this.connectors = connectors;
        this.sink = sink;
    }

    @Override
    public Outcome process(WebhookInbox.Event event) throws Exception {
        WebhookChangeSink target = sink.getIfAvailable();
        if (target == null) {
            throw new IllegalStateException("no change sink is installed to apply webhook events; kept for a retry");
        }
        try (Connector connector = connectors.open(event.tenantId(), event.integrationId())) {
            Optional<WebhookSupport> support = connector.webhooks();
            if (support.isEmpty()) {
                throw new PoisonEventException("the integration's connector does not take webhooks");
            }
            List<ChangeHint> hints;
            try {
                hints = support.get().parse(new WebhookRequest(event.url(), event.headers(), event.body()));
            } catch (DataException e) {
                throw new PoisonEventException("the event cannot be understood: " + e.getMessage(), e);
            }
            if (hints.isEmpty()) {
                return Outcome.IGNORED;
            }
            List<SourceRecord> records = new ArrayList<>();
            List<WebhookChangeSink.Deleted> deleted = new ArrayList<>();
            for (ChangeHint hint : hints) {
                if (hint.record() != null) {
                    records.add(hint.record());
                    continue;
                }
                try {
                    connector
                            .fetch(hint.stream(), hint.externalId())
                            .ifPresentOrElse(
                                    records::add,
                                    () -> deleted.add(new WebhookChangeSink.Deleted(hint.stream(), hint.externalId())));
                } catch (DataException e) {
                    throw new PoisonEventException(
                            "record " + hint.externalId() + " of " + hint.stream() + " is unusable: " + e.getMessage(),
                            e);
                }
                // any other ConnectorException (unreachable, throttled, credentials now wrong) is retried with
                // backoff: the event waits in the inbox until the integration works again or attempts run out
            }
            target.apply(event.tenantId(), event.integrationId(), records, deleted);
            return Outcome.APPLIED;
        }
    }
}
