package dev.rollcall.server.demo;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.server.RollcallProperties;
import dev.rollcall.server.security.ApiTokens;
import dev.rollcall.server.sync.SyncSession;
import dev.rollcall.simulator.Simulator;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Runs the demo once the server is ready, when {@link DemoSwitch} says so: starts the simulator,
 * sets up the demo integration in the default tenant (the one the printed admin token belongs to,
 * so the dashboard shows it), starts its sync, and logs what it did and, once the session ends, how
 * it ended. A demo that cannot be set up is logged and never stops Rollcall. The simulator stops with
 * the server.
 */
@Component
class DemoStarter {

    private static final Logger log = LoggerFactory.getLogger(DemoStarter.class);
    private static final Duration WATCH_FOR = Duration.ofMinutes(10);
    private static final List<String> FINAL = List.of("succeeded", "failed", "cancelled", "held");

    private final DemoRoster roster;
    private final boolean enabled;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("rollcall-demo").daemon().factory());
    private @Nullable Simulator simulator;

    DemoStarter(DemoRoster roster, RollcallProperties properties, @Value("${rollcall.demo:}") String flag) {
        this.roster = roster;
        this.enabled = DemoSwitch.enabled(flag, properties.database().external());
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!enabled) {
            log.info("demo: off (ROLLCALL_DEMO=false, or an external database without ROLLCALL_DEMO=true)");
            return;
        }
        try {
            Simulator started = DemoSimulator.start(DemoSimulator.PREFERRED_PORT);
            simulator = started;
            log.info(
                    "demo: the simulator serves a small district (TimeBack dialect) at {}; set ROLLCALL_DEMO=false to"
                            + " turn the demo off",
                    started.rosteringUrl());
            DemoRoster.Outcome outcome = roster.setUp(ApiTokens.DEFAULT_TENANT, started.baseUrl());
            log.info(
                    "demo: integration '{}' ({}) {} in the default tenant",
                    DemoRoster.INTEGRATION_NAME,
                    outcome.integrationId(),
                    switch (outcome.action()) {
                        case CREATED -> "created";
                        case REPOINTED -> "pointed at the simulator's new address";
                        case REUSED -> "found from an earlier start";
                    });
            SyncSession session = outcome.session();
            if (session == null) {
                log.info("demo: no sync started: {}", outcome.notStarted());
                return;
            }
            log.info("demo: sync session {} started; follow it at /api/v1/syncs/{}", session.id(), session.id());
            watch(session.id());
        } catch (RuntimeException e) {
            log.warn("demo: could not be set up; Rollcall runs without it", e);
        }
    }

    /** Logs the session's end; polls its row, since the run is a job that may run on any instance. */
    private void watch(UUID sessionId) {
        long deadline = System.nanoTime() + WATCH_FOR.toNanos();
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = watcher.scheduleWithFixedDelay(
                () -> {
                    try {
                        SyncSession session = roster.session(ApiTokens.DEFAULT_TENANT, sessionId);
                        if (FINAL.contains(session.state())) {
                            log.info(
                                    "demo: sync session {} {} in {} ms: {}",
                                    sessionId,
                                    session.state(),
                                    session.durationMs(),
                                    summary(session.stats()));
                            task[0].cancel(false);
                        } else if (System.nanoTime() > deadline) {
                            log.info(
                                    "demo: sync session {} is still {} after {}",
                                    sessionId,
                                    session.state(),
                                    WATCH_FOR);
                            task[0].cancel(false);
                        }
                    } catch (RuntimeException e) {
                        log.warn("demo: could not follow sync session {}", sessionId, e);
                        task[0].cancel(false);
                    }
                },
                500,
                500,
                TimeUnit.MILLISECONDS);
    }

    /** {@code orgs 2 read (2 created, 0 updated, 0 deleted, 0 errors), …}, in entity order. */
    static String summary(JsonNode stats) {
        StringBuilder text = new StringBuilder();
        for (EntityType type : EntityType.values()) {
            JsonNode counts = stats.get(type.collection());
            if (counts == null) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(type.collection())
                    .append(' ')
                    .append(counts.path("read").asLong())
                    .append(" read (")
                    .append(counts.path("created").asLong())
                    .append(" created, ")
                    .append(counts.path("updated").asLong())
                    .append(" updated, ")
                    .append(counts.path("deleted").asLong())
                    .append(" deleted, ")
                    .append(counts.path("errors").asLong())
                    .append(" errors)");
        }
        return text.isEmpty() ? "nothing read" : text.toString();
    }

    @PreDestroy
    void stop() {
        watcher.shutdownNow();
        if (simulator != null) {
            simulator.close();
        }
    }
}
