package dev.rollcall.server.webhooks;

import dev.rollcall.connector.api.SourceRecord;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * The change sink of the server's tests (found by component scanning of the test classes): it records
 * what the webhook workers hand to it, and fails on demand for a given external id.
 */
@Component
public class RecordingChangeSink implements WebhookChangeSink {

    /** One call. */
    public record Applied(UUID tenantId, UUID integrationId, List<String> externalIds, List<Deleted> deleted) {}

    public final List<Applied> applied = new CopyOnWriteArrayList<>();
    public final List<String> failFor = new CopyOnWriteArrayList<>();

    @Override
    public void apply(UUID tenantId, UUID integrationId, List<SourceRecord> records, List<Deleted> deletedIds) {
        List<String> ids = records.stream().map(SourceRecord::externalId).toList();
        if (ids.stream().anyMatch(failFor::contains)) {
            throw new IllegalStateException("the store is unavailable (test)");
        }
        applied.add(new Applied(tenantId, integrationId, ids, List.copyOf(deletedIds)));
    }
}
