package dev.rollcall.server.sync;

import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import dev.rollcall.server.web.KeysetCursor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sync sessions and schedules: {@code /api/v1/integrations/{id}/syncs}, {@code /api/v1/syncs/{id}}. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Syncs", description = "Sync sessions: start, follow, cancel, approve or reject held runs; schedules")
public class SyncController {

    /** A page of sessions, newest first. */
    public record SessionPage(List<SyncSession> items, int limit, int offset) {}

    /** A page of the tenant's sessions, newest first; {@code next} is the {@code before} of the next page. */
    public record SessionSearchPage(
            List<SyncSession> items, @Nullable String next) {}

    /** A page of what a held or dry-run session would change. */
    public record ChangePage(List<SyncSessions.StagedChange> items, long total, int limit, int offset) {}

    private final SyncService syncs;
    private final SyncScheduleService schedules;

    public SyncController(SyncService syncs, SyncScheduleService schedules) {
        this.syncs = syncs;
        this.schedules = schedules;
    }

    @PostMapping("/integrations/{id}/syncs")
    @Operation(summary = "Start a sync: {\"mode\": \"full\"|\"delta\", \"streams\": [...], \"dryRun\": false}; 202")
    public ResponseEntity<SyncSession> start(
            Caller caller, @PathVariable UUID id, @RequestBody(required = false) SyncRequest request) {
        caller.requireWriter();
        SyncSession session = syncs.start(caller, id, request == null ? new SyncRequest(null, null, null) : request);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/syncs/" + session.id()))
                .body(session);
    }

    @GetMapping("/integrations/{id}/syncs")
    @Operation(summary = "The integration's sessions, newest first; optionally only one state or mode")
    public SessionPage list(
            Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String mode,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        checkPaging(limit, offset);
        checkFilters(state, mode);
        return new SessionPage(syncs.list(caller, id, state, mode, limit, offset), limit, offset);
    }

    @GetMapping("/syncs")
    @Operation(summary = "The tenant's sessions across integrations, newest first, with filters; paged by before")
    public SessionSearchPage search(
            Caller caller,
            @RequestParam(required = false) @Nullable UUID integrationId,
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String mode,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String before) {
        checkPaging(limit, 0);
        checkFilters(state, mode);
        KeysetCursor cursor = before == null || before.isEmpty() ? null : KeysetCursor.decode("before", before);
        List<SyncSession> items = syncs.search(caller, integrationId, state, mode, cursor, limit);
        String next = items.size() == limit
                ? new KeysetCursor(items.getLast().createdAt(), items.getLast().id()).encode()
                : null;
        return new SessionSearchPage(items, next);
    }

    @GetMapping("/syncs/{id}")
    @Operation(summary = "A session: state, stage, per-entity stats, duration, errors")
    public SyncSession get(Caller caller, @PathVariable UUID id) {
        return syncs.get(caller, id);
    }

    @GetMapping("/syncs/{id}/changes")
    @Operation(summary = "What a held (or dry-run) session would change, record by record")
    public ChangePage changes(
            Caller caller,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        checkPaging(limit, offset);
        return new ChangePage(syncs.changes(caller, id, limit, offset), syncs.changeCount(caller, id), limit, offset);
    }

    @PostMapping("/syncs/{id}/cancel")
    @Operation(summary = "Cancel a queued or running session (a held one is rejected); nothing is applied")
    public SyncSession cancel(Caller caller, @PathVariable UUID id) {
        caller.requireWriter();
        return syncs.cancel(caller, id);
    }

    @PostMapping("/syncs/{id}/approve")
    @Operation(summary = "Apply a session held by the mass-change guard")
    public SyncSession approve(Caller caller, @PathVariable UUID id) {
        caller.requireWriter();
        return syncs.approve(caller, id);
    }

    @PostMapping("/syncs/{id}/reject")
    @Operation(summary = "Drop a session held by the mass-change guard; the roster stays as it was")
    public SyncSession reject(Caller caller, @PathVariable UUID id) {
        caller.requireWriter();
        return syncs.reject(caller, id);
    }

    @GetMapping("/integrations/{id}/sync-schedule")
    public SyncSchedules.Schedule schedule(Caller caller, @PathVariable UUID id) {
        return schedules.get(caller, id);
    }

    @PutMapping("/integrations/{id}/sync-schedule")
    @Operation(summary = "Set the schedule (cron or intervalSeconds), mode and engine settings")
    public SyncSchedules.Schedule putSchedule(
            Caller caller, @PathVariable UUID id, @RequestBody SyncScheduleRequest request) {
        caller.requireWriter();
        return schedules.put(caller, id, request);
    }

    @PostMapping("/integrations/{id}/sync-schedule/pause")
    public SyncSchedules.Schedule pause(Caller caller, @PathVariable UUID id) {
        caller.requireWriter();
        return schedules.setPaused(caller, id, true);
    }

    @PostMapping("/integrations/{id}/sync-schedule/resume")
    public SyncSchedules.Schedule resume(Caller caller, @PathVariable UUID id) {
        caller.requireWriter();
        return schedules.setPaused(caller, id, false);
    }

    private static final Set<String> STATES = Set.of("queued", "running", "held", "succeeded", "failed", "cancelled");
    private static final Set<String> MODES = Set.of("full", "delta", "webhook", "dry-run");

    private static void checkFilters(@Nullable String state, @Nullable String mode) {
        List<ApiProblem.FieldError> problems = new ArrayList<>();
        if (state != null && !STATES.contains(state)) {
            problems.add(new ApiProblem.FieldError("state", "must be one of " + new TreeSet<>(STATES)));
        }
        if (mode != null && !MODES.contains(mode)) {
            problems.add(new ApiProblem.FieldError("mode", "must be one of " + new TreeSet<>(MODES)));
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid("Invalid filter", problems);
        }
    }

    private static void checkPaging(int limit, int offset) {
        if (limit < 1 || limit > 1000 || offset < 0) {
            throw ApiProblem.invalid(
                    "Invalid paging",
                    List.of(new ApiProblem.FieldError(
                            "limit", "must be between 1 and 1000; offset must be 0 or more")));
        }
    }
}
