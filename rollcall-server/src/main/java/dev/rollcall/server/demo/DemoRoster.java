package dev.rollcall.server.demo;

import dev.rollcall.server.integrations.Integration;
import dev.rollcall.server.integrations.IntegrationRequest;
import dev.rollcall.server.integrations.IntegrationService;
import dev.rollcall.server.security.Caller;
import dev.rollcall.server.sync.SyncRequest;
import dev.rollcall.server.sync.SyncService;
import dev.rollcall.server.sync.SyncSession;
import dev.rollcall.server.web.ApiProblem;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Sets up the demo in one tenant: the {@value #INTEGRATION_NAME} integration ({@code oneroster}
 * connector, {@code timeback} profile) against the demo simulator, then a sync of it. Idempotent: a
 * second call finds the integration by name instead of creating another, points it at the
 * simulator's current address when that moved (a restart on another port), and starts a delta run,
 * which writes nothing when the simulator serves what was synced before. Every change goes through
 * the integrations and sync services, so it is validated and audited as the API's would be, with
 * the actor {@code demo}.
 */
@Component
public class DemoRoster {

    public static final String INTEGRATION_NAME = "Demo district (simulator)";

    /** The audit log's token id for what the demo does (no such token exists). */
    static final UUID ACTOR_ID = UUID.nameUUIDFromBytes("rollcall-demo".getBytes(StandardCharsets.UTF_8));

    /** What {@link #setUp} did to the integration. */
    public enum Action {
        CREATED,
        /** It existed and now points at the simulator's new address. */
        REPOINTED,
        REUSED
    }

    /**
     * @param session the sync session started, or null when none could be (then {@code notStarted} says why)
     */
    public record Outcome(
            UUID integrationId,
            Action action,
            @Nullable SyncSession session,
            @Nullable String notStarted) {}

    private final IntegrationService integrations;
    private final SyncService syncs;

    DemoRoster(IntegrationService integrations, SyncService syncs) {
        this.integrations = integrations;
        this.syncs = syncs;
    }

    /** Makes sure the tenant has the demo integration against {@code simulatorBaseUrl} and starts a sync. */
    public Outcome setUp(UUID tenantId, URI simulatorBaseUrl) {
        Caller demo = caller(tenantId);
        IntegrationRequest request = new IntegrationRequest(INTEGRATION_NAME, "oneroster", config(simulatorBaseUrl));
        Optional<Integration> existing = find(demo);
        Integration integration;
        Action action;
        if (existing.isEmpty()) {
            integration = integrations.create(demo, request);
            action = Action.CREATED;
        } else if (!simulatorBaseUrl.toString().equals(existing.get().config().get("baseUrl"))) {
            integration = integrations.update(demo, existing.get().id(), request);
            action = Action.REPOINTED;
        } else {
            integration = existing.get();
            action = Action.REUSED;
        }
        if (!integration.enabled()) {
            return new Outcome(integration.id(), action, null, "the integration is disabled");
        }
        try {
            // delta: the first run has no watermark and reads everything; later ones read what changed
            SyncSession session = syncs.start(demo, integration.id(), new SyncRequest("delta", List.of(), false));
            return new Outcome(integration.id(), action, session, null);
        } catch (ApiProblem busy) {
            return new Outcome(integration.id(), action, null, busy.getMessage());
        }
    }

    /** The session as it is now. */
    public SyncSession session(UUID tenantId, UUID sessionId) {
        return syncs.get(caller(tenantId), sessionId);
    }

    private Optional<Integration> find(Caller demo) {
        return integrations.list(demo, 1_000, 0).stream()
                .filter(integration -> integration.name().equalsIgnoreCase(INTEGRATION_NAME))
                .filter(integration -> integration.connector().equals("oneroster"))
                .findFirst();
    }

    static Map<String, Object> config(URI simulatorBaseUrl) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("profile", "timeback");
        config.put("baseUrl", simulatorBaseUrl.toString());
        config.put("tokenUrl", "/oauth2/token");
        // the simulator's published demo client; nothing else accepts it
        config.put("clientId", "demo");
        config.put("clientSecret", "demo-secret");
        return config;
    }

    private static Caller caller(UUID tenantId) {
        return new Caller(tenantId, ACTOR_ID, "demo", Caller.Role.ADMIN);
    }
}
