package dev.rollcall.server.sync;

import dev.rollcall.server.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/syncs/{id}/events}: a session's progress as server-sent events. Each event
 * ({@code event: session}) carries the whole session as {@code GET /api/v1/syncs/{id}} answers it,
 * sent when it changes; the stream ends after the session reaches a final state. The run may execute
 * on any instance, so the stream follows the session row (read every 250 ms on the server, one
 * indexed read), and the client is pushed what changed instead of polling.
 */
@RestController
@Tag(name = "Syncs")
public class SyncEventsController {

    private static final Logger log = LoggerFactory.getLogger(SyncEventsController.class);
    private static final Set<String> FINAL = Set.of("succeeded", "failed", "cancelled", "held");
    private static final Duration EVERY = Duration.ofMillis(250);
    private static final Duration LONGEST = Duration.ofHours(2);

    private final SyncService syncs;

    SyncEventsController(SyncService syncs) {
        this.syncs = syncs;
    }

    @GetMapping(path = "/api/v1/syncs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow a session live: server-sent events with the session, until it ends")
    public SseEmitter events(Caller caller, @PathVariable UUID id) {
        SyncSession first = syncs.get(caller, id); // 404 before the stream opens
        SseEmitter emitter = new SseEmitter(LONGEST.toMillis());
        Thread.ofVirtual().name("sync-events-" + id).start(() -> follow(caller, id, first, emitter));
        return emitter;
    }

    private void follow(Caller caller, UUID id, SyncSession first, SseEmitter emitter) {
        SyncSession last = null;
        SyncSession current = first;
        long deadline = System.nanoTime() + LONGEST.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!Objects.equals(current, last)) {
                    emitter.send(SseEmitter.event().name("session").data(current, MediaType.APPLICATION_JSON));
                    last = current;
                }
                if (FINAL.contains(current.state())) {
                    break;
                }
                Thread.sleep(EVERY); // the pace of the server-side follow; the client is pushed
                current = syncs.get(caller, id);
            }
            emitter.complete();
        } catch (IOException | IllegalStateException gone) {
            // the client went away; nothing to send to
            emitter.completeWithError(gone);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        } catch (RuntimeException e) {
            log.warn("following sync session {} failed: {}", id, e.toString());
            emitter.completeWithError(e);
        }
    }
}
