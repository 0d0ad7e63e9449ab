package dev.rollcall.server.deadletters;

import dev.rollcall.connector.api.Connector;
import dev.rollcall.connector.api.ConnectorFactory;
import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.StreamSpec;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.engine.ConnectorCatalog;
import dev.rollcall.server.connectors.ConnectorRuntime;
import dev.rollcall.server.integrations.IntegrationService;
import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import dev.rollcall.server.webhooks.WebhookChangeSink;
import dev.rollcall.server.webhooks.WebhookEventReplay;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Applies one dead letter again. A {@code webhook} dead letter's event (its payload names the inbox
 * event and endpoint) goes back in the inbox queue and is processed again by the workers; should it
 * fail again it becomes a new dead letter. A {@code sync} dead letter's record is fetched again from
 * the integration's connector — or, when the connector cannot fetch it, read from the stored payload
 * (the OneRoster 1.2 form) — and applied through the engine's webhook path ({@link
 * WebhookChangeSink}): the same classification, mapping, journal and provenance as a sync. When the
 * record dead-letters again there (a reference still missing), the new dead letter is folded into
 * this one (closed as {@code merged}) and the outcome is {@link Kind#STILL_FAILING} with the reason.
 */
@Component
class DeadLetterReplay {

    /** How a replay went. */
    enum Kind {
        /** The record was applied to the roster. */
        APPLIED,
        /** The webhook event is back in the queue. */
        REQUEUED,
        /** The record itself still cannot be applied (422). */
        STILL_FAILING,
        /** The replay could not run now: try again later (409). */
        NOT_NOW
    }

    /** The outcome and a sentence for the operator. */
    record Outcome(Kind kind, String detail) {
        boolean succeeded() {
            return kind == Kind.APPLIED || kind == Kind.REQUEUED;
        }

        String wireName() {
            return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final WebhookEventReplay webhookReplay;
    private final WebhookChangeSink sink;
    private final ConnectorRuntime connectors;
    private final ConnectorCatalog catalog;
    private final IntegrationService integrations;
    private final DeadLetters deadLetters;

    DeadLetterReplay(
            WebhookEventReplay webhookReplay,
            WebhookChangeSink sink,
            ConnectorRuntime connectors,
            ConnectorCatalog catalog,
            IntegrationService integrations,
            DeadLetters deadLetters) {
        this.webhookReplay = webhookReplay;
        this.sink = sink;
        this.connectors = connectors;
        this.catalog = catalog;
        this.integrations = integrations;
        this.deadLetters = deadLetters;
    }

    Outcome replay(Caller caller, DeadLetter letter) {
        return switch (letter.source()) {
            case "webhook" -> replayWebhook(caller, letter);
            case "sync" -> replaySync(caller, letter);
            default ->
                new Outcome(Kind.STILL_FAILING, "dead letters of source '" + letter.source() + "' cannot be replayed");
        };
    }

    private Outcome replayWebhook(Caller caller, DeadLetter letter) {
        JsonNode payload = letter.payload();
        if (payload == null
                || !payload.path("webhookEventId").canConvertToLong()
                || !payload.path("endpointId").isString()) {
            return new Outcome(
                    Kind.STILL_FAILING, "the dead letter does not name its webhook event (webhookEventId, endpointId)");
        }
        long eventId = payload.path("webhookEventId").asLong();
        UUID endpointId;
        try {
            endpointId = UUID.fromString(payload.path("endpointId").asString());
        } catch (IllegalArgumentException e) {
            return new Outcome(Kind.STILL_FAILING, "the dead letter's endpointId is not an id");
        }
        try {
            if (!webhookReplay.requeue(caller, endpointId, eventId)) {
                return new Outcome(
                        Kind.NOT_NOW, "webhook event " + eventId + " is being processed right now, or is gone");
            }
        } catch (ApiProblem missing) {
            return new Outcome(Kind.STILL_FAILING, "webhook endpoint " + endpointId + " no longer exists");
        }
        return new Outcome(
                Kind.REQUEUED,
                "webhook event " + eventId + " is queued again; if it fails again it becomes a new dead letter");
    }

    private Outcome replaySync(Caller caller, DeadLetter letter) {
        UUID integrationId = letter.integrationId();
        String stream = letter.stream();
        String externalId = letter.externalId();
        if (integrationId == null || stream == null || externalId == null) {
            return new Outcome(
                    Kind.STILL_FAILING, "the dead letter does not name its integration, stream and external id");
        }
        String connectorType;
        try {
            connectorType =
                    integrations.resolve(caller.tenantId(), integrationId).connector();
        } catch (ApiProblem missing) {
            return new Outcome(Kind.STILL_FAILING, "integration " + integrationId + " no longer exists");
        }
        Optional<EntityType> type = catalog.find(connectorType)
                .map(ConnectorFactory::descriptor)
                .flatMap(descriptor -> descriptor.stream(stream))
                .map(StreamSpec::entityType)
                .or(() -> EntityType.fromCollection(stream));
        if (type.isEmpty()) {
            return new Outcome(Kind.STILL_FAILING, "'" + stream + "' is not a stream of the integration's connector");
        }
        SourceRecord record;
        try {
            record = fetch(caller.tenantId(), integrationId, stream, externalId)
                    .or(() -> fromPayload(type.get(), letter.payload()))
                    .orElse(null);
        } catch (ConnectorException e) {
            return new Outcome(
                    Kind.NOT_NOW,
                    "fetching " + stream + " " + externalId + " from the upstream failed: " + e.getMessage());
        }
        if (record == null) {
            return new Outcome(
                    Kind.STILL_FAILING,
                    "the connector cannot fetch " + stream + " " + externalId
                            + " and the stored payload is not a OneRoster 1.2 record");
        }
        Set<UUID> before = ids(deadLetters.openFor(caller.tenantId(), integrationId, stream, externalId));
        try {
            sink.apply(caller.tenantId(), integrationId, List.of(record), List.of());
        } catch (Exception e) {
            return new Outcome(
                    Kind.NOT_NOW, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        List<DeadLetter> again = deadLetters.openFor(caller.tenantId(), integrationId, stream, externalId).stream()
                .filter(other -> !before.contains(other.id()))
                .toList();
        if (!again.isEmpty()) {
            again.forEach(other -> deadLetters.resolve(caller.tenantId(), other.id(), "merged"));
            return new Outcome(Kind.STILL_FAILING, again.getLast().errorMessage());
        }
        return new Outcome(Kind.APPLIED, stream + " " + externalId + " was applied to the roster");
    }

    /** The record as the upstream has it now; empty when the connector cannot fetch it. */
    private Optional<SourceRecord> fetch(UUID tenantId, UUID integrationId, String stream, String externalId)
            throws ConnectorException {
        try (Connector connector = connectors.open(tenantId, integrationId)) {
            return connector.fetch(stream, externalId);
        } catch (UnsupportedOperationException unsupported) {
            return Optional.empty();
        }
    }

    private static Optional<SourceRecord> fromPayload(EntityType type, @Nullable JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SourceRecord.of(RosterJson.read(type, payload), payload));
        } catch (JacksonException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    private static Set<UUID> ids(List<DeadLetter> letters) {
        return letters.stream().map(DeadLetter::id).collect(Collectors.toSet());
    }
}
