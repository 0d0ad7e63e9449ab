package dev.rollcall.server.deadletters;

import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import dev.rollcall.server.web.ApiProblem.FieldError;
import dev.rollcall.server.web.KeysetCursor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/dead-letters}: what could not be applied, with replay and discard. */
@RestController
@RequestMapping("/api/v1/dead-letters")
@Tag(name = "Dead letters", description = "What a sync or a webhook could not apply; replay or discard")
public class DeadLetterController {

    private static final Set<String> SOURCES = Set.of("sync", "webhook");
    private static final Set<String> STATES = Set.of("open", "resolved", "all");

    private final DeadLetterService service;

    DeadLetterController(DeadLetterService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "Dead letters, newest first; state open (default), resolved or all")
    public DeadLetterService.Page list(
            Caller caller,
            @RequestParam(required = false) @Nullable UUID integrationId,
            @RequestParam(required = false) @Nullable UUID sessionId,
            @RequestParam(required = false) @Nullable String source,
            @RequestParam(defaultValue = "open") String state,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String after) {
        List<FieldError> problems = new ArrayList<>();
        if (source != null && !SOURCES.contains(source)) {
            problems.add(new FieldError("source", "must be sync or webhook"));
        }
        if (!STATES.contains(state)) {
            problems.add(new FieldError("state", "must be open, resolved or all"));
        }
        if (limit < 1 || limit > 200) {
            problems.add(new FieldError("limit", "must be between 1 and 200"));
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid("Invalid query", problems);
        }
        KeysetCursor cursor = after == null || after.isEmpty() ? null : KeysetCursor.decode("after", after);
        return service.list(caller, new DeadLetters.Filter(integrationId, sessionId, source, state), cursor, limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One dead letter with its context and payload")
    public DeadLetter get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id);
    }

    @PostMapping("/{id}/replay")
    @Operation(
            summary = "Apply it again: a sync record is fetched again (or read from its payload) and applied; "
                    + "a webhook event is queued again. 409 when it cannot run now, 422 when it still fails")
    public DeadLetterService.ReplayResult replay(Caller caller, @PathVariable UUID id) {
        return service.replay(caller, id);
    }

    @PostMapping("/{id}/discard")
    @Operation(summary = "Resolve it without applying it")
    public DeadLetter discard(Caller caller, @PathVariable UUID id) {
        return service.discard(caller, id);
    }
}
