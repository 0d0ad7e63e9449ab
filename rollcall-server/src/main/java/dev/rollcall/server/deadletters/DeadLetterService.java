package dev.rollcall.server.deadletters;

import dev.rollcall.server.audit.AuditLog;
import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import dev.rollcall.server.web.KeysetCursor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Lists and shows a tenant's dead letters and resolves them: a discard closes one as {@code
 * discarded}; a replay applies it again (see {@link DeadLetterReplay}) and closes it as {@code
 * replayed} when that worked, or counts the attempt and answers why not. Both are audited. A
 * resolved dead letter cannot be resolved again (409).
 */
@Service
public class DeadLetterService {

    /** A page of dead letters, newest first; {@code next} is the cursor of the next page, if any. */
    public record Page(
            List<DeadLetter> items, long total, @Nullable String next) {}

    /** What a replay did: the dead letter afterwards, and how it went. */
    public record ReplayResult(DeadLetter deadLetter, String outcome, String detail) {}

    private final DeadLetters deadLetters;
    private final DeadLetterReplay replay;
    private final AuditLog audit;

    DeadLetterService(DeadLetters deadLetters, DeadLetterReplay replay, AuditLog audit) {
        this.deadLetters = deadLetters;
        this.replay = replay;
        this.audit = audit;
    }

    public Page list(Caller caller, DeadLetters.Filter filter, @Nullable KeysetCursor after, int limit) {
        List<DeadLetter> items = deadLetters.list(caller.tenantId(), filter, after, limit);
        String next = items.size() == limit
                ? new KeysetCursor(items.getLast().createdAt(), items.getLast().id()).encode()
                : null;
        return new Page(items, deadLetters.count(caller.tenantId(), filter), next);
    }

    public DeadLetter get(Caller caller, UUID id) {
        return deadLetters
                .find(caller.tenantId(), id)
                .orElseThrow(() -> ApiProblem.notFound("Dead letter", id.toString()));
    }

    public DeadLetter discard(Caller caller, UUID id) {
        caller.requireWriter();
        DeadLetter before = open(caller, id);
        if (!deadLetters.resolve(caller.tenantId(), id, "discarded")) {
            throw alreadyResolved(get(caller, id));
        }
        DeadLetter after = get(caller, id);
        audit.record(caller, "dead-letter.discarded", "dead-letter", id.toString(), summary(before), summary(after));
        return after;
    }

    /**
     * Replays a dead letter.
     *
     * @throws ApiProblem 409 when it is resolved already or the replay cannot run now (another session
     *     of the integration is active, the upstream failed, the webhook event is being processed);
     *     422 when the record itself still cannot be applied. Either way the attempt is counted.
     */
    public ReplayResult replay(Caller caller, UUID id) {
        caller.requireWriter();
        DeadLetter letter = open(caller, id);
        DeadLetterReplay.Outcome outcome = replay.replay(caller, letter);
        Map<String, Object> audited = new LinkedHashMap<>(summary(letter));
        audited.put("outcome", outcome.wireName());
        audited.put("detail", outcome.detail());
        audit.record(caller, "dead-letter.replayed", "dead-letter", id.toString(), summary(letter), audited);
        if (outcome.succeeded()) {
            if (!deadLetters.resolve(caller.tenantId(), id, "replayed")) {
                throw alreadyResolved(get(caller, id));
            }
            return new ReplayResult(get(caller, id), outcome.wireName(), outcome.detail());
        }
        boolean recordProblem = outcome.kind() == DeadLetterReplay.Kind.STILL_FAILING;
        deadLetters.failedAttempt(caller.tenantId(), id, recordProblem ? outcome.detail() : null);
        throw new ApiProblem(
                recordProblem ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.CONFLICT,
                recordProblem ? "replay-failed" : "replay-not-possible",
                recordProblem ? "The record still cannot be applied" : "The replay cannot run now",
                outcome.detail(),
                List.of());
    }

    private DeadLetter open(Caller caller, UUID id) {
        DeadLetter letter = get(caller, id);
        if (!letter.open()) {
            throw alreadyResolved(letter);
        }
        return letter;
    }

    private static ApiProblem alreadyResolved(DeadLetter letter) {
        return ApiProblem.conflict(
                "Dead letter " + letter.id() + " is already resolved (" + letter.resolution() + ")", List.of());
    }

    private static Map<String, Object> summary(DeadLetter letter) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("source", letter.source());
        if (letter.integrationId() != null) {
            summary.put("integrationId", letter.integrationId().toString());
        }
        if (letter.stream() != null) {
            summary.put("stream", letter.stream());
        }
        if (letter.externalId() != null) {
            summary.put("externalId", letter.externalId());
        }
        summary.put("attempts", letter.attempts());
        if (letter.resolution() != null) {
            summary.put("resolution", letter.resolution());
        }
        return summary;
    }
}
