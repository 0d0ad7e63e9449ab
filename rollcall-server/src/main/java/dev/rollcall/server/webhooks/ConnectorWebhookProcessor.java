package dev.rollcall.server.webhooks;

import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.error.DataException;
import dev.rollcall.connector.api.webhook.ChangeHint;
import dev.rollcall.connector.api.webhook.WebhookRequest;
import dev.rollcall.connector.api.webhook.WebhookSupport;
import dev.rollcall.server.connectors.ConnectorRuntime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The processor: the integration's connector parses each event into change hints; a hint that
 * carries the full record is used as is, otherwise the record is fetched through the gateway (a 404
 * is a delete). The batch's records go to the {@link WebhookChangeSink} together, the latest version
 * of each (by the source's time, then by arrival). An event the connector cannot understand, or a
 * record it cannot read, is poison; any other failure (unreachable, throttled, credentials now wrong)
 * is retried with backoff, so the events wait in the inbox until the integration works again.
 */
@Component
class ConnectorWebhookProcessor implements WebhookEventProcessor {

    private final ConnectorRuntime connectors;
    private final ObjectProvider<WebhookChangeSink> sink;

    ConnectorWebhookProcessor(ConnectorRuntime connectors, ObjectProvider<WebhookChangeSink> sink) {
        this.connectors = connectors;
        this.sink = sink;
    }

    /** The newest known state of one record in the batch: its record, or null for a delete. */
    private record Latest(
            String stream,
            String externalId,
            @Nullable SourceRecord record,
            @Nullable Instant at) {}

    @Override
    public Map<Long, Result> processBatch(List<WebhookInbox.Event> events) throws Exception {
        WebhookChangeSink target = sink.getIfAvailable();
        if (target == null) {
            throw new IllegalStateException("no change sink is installed to apply webhook events; kept for a retry");
        }
        WebhookInbox.Event first = events.getFirst();
        Map<Long, Result> results = new LinkedHashMap<>();
        Map<String, Latest> latest = new LinkedHashMap<>();
        try (Connector connector = connectors.open(first.tenantId(), first.integrationId())) {
            Optional<WebhookSupport> support = connector.webhooks();
            for (WebhookInbox.Event event : events) {
                if (support.isEmpty()) {
                    results.put(event.id(), new Poison("the integration's connector does not take webhooks"));
                    continue;
                }
                List<ChangeHint> hints;
                try {
                    hints = support.get().parse(new WebhookRequest(event.url(), event.headers(), event.body()));
                } catch (DataException e) {
                    results.put(event.id(), new Poison("the event cannot be understood: " + e.getMessage()));
                    continue;
                }
                Map<String, Latest> mine = new LinkedHashMap<>();
                String poison = null;
                for (ChangeHint hint : hints) {
                    SourceRecord record = hint.record();
                    if (record == null) {
                        try {
                            record = connector
                                    .fetch(hint.stream(), hint.externalId())
                                    .orElse(null);
                        } catch (DataException e) {
                            poison = "record " + hint.externalId() + " of " + hint.stream() + " is unusable: "
                                    + e.getMessage();
                            break;
                        }
                    }
                    Instant at = record != null && record.sourceUpdatedAt() != null
                            ? record.sourceUpdatedAt()
                            : hint.occurredAt();
                    mine.put(
                            hint.stream() + "/" + hint.externalId(),
                            new Latest(hint.stream(), hint.externalId(), record, at));
                }
                if (poison != null) {
                    results.put(event.id(), new Poison(poison));
                    continue;
                }
                mine.forEach((key, candidate) -> latest.merge(key, candidate, ConnectorWebhookProcessor::newer));
                results.put(event.id(), new Done(hints.isEmpty() ? Outcome.IGNORED : Outcome.APPLIED));
            }
        }
        if (!latest.isEmpty()) {
            List<SourceRecord> records = new ArrayList<>();
            List<WebhookChangeSink.Deleted> deleted = new ArrayList<>();
            latest.values().forEach(state -> {
                if (state.record() != null) {
                    records.add(state.record());
                } else {
                    deleted.add(new WebhookChangeSink.Deleted(state.stream(), state.externalId()));
                }
            });
            try {
                target.apply(first.tenantId(), first.integrationId(), records, deleted);
            } catch (Exception e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                results.replaceAll((id, result) -> result instanceof Done ? new Failed(reason) : result);
            }
        }
        return results;
    }

    /** The later of two states of a record: by the source's time when both say, else the later arrival. */
    private static Latest newer(Latest earlier, Latest later) {
        if (earlier.at() != null && later.at() != null && later.at().isBefore(earlier.at())) {
            return earlier;
        }
        return later;
    }
}
