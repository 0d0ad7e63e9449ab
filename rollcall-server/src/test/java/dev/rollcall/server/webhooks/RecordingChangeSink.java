package dev.rollcall.server.webhooks;

import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.server.integrations.IntegrationService;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The change sink of the server's tests (found by component scanning of the test classes): for
 * integrations of the {@code webhook-test} connector it records what the webhook workers hand to it,
 * and fails on demand for a given external id; every other integration's records go on to the real
 * sink (the engine).
 */
@Component
@Primary
public class RecordingChangeSink implements WebhookChangeSink {

    /** One call. */
    public record Applied(UUID tenantId, UUID integrationId, List<String> externalIds, List<Deleted> deleted) {}

    public final List<Applied> applied = new CopyOnWriteArrayList<>();
    public final List<String> failFor = new CopyOnWriteArrayList<>();

    private final ObjectProvider<WebhookChangeSink> sinks;
    private final IntegrationService integrations;

    RecordingChangeSink(ObjectProvider<WebhookChangeSink> sinks, IntegrationService integrations) {
        this.sinks = sinks;
        this.integrations = integrations;
    }

    @Override
    public void apply(UUID tenantId, UUID integrationId, List<SourceRecord> records, List<Deleted> deletedIds)
            throws Exception {
        if (!integrations.resolve(tenantId, integrationId).connector().equals(WebhookTestConnectorFactory.TYPE)) {
            WebhookChangeSink real = sinks.stream()
                    .filter(sink -> !(sink instanceof RecordingChangeSink))
                    .findFirst()
                    .orElseThrow();
            real.apply(tenantId, integrationId, records, deletedIds);
            return;
        }
        List<String> ids = records.stream().map(SourceRecord::externalId).toList();
        if (ids.stream().anyMatch(failFor::contains)) {
            throw new IllegalStateException("the store is unavailable (test)");
        }
        applied.add(new Applied(tenantId, integrationId, ids, List.copyOf(deletedIds)));
    }
}
