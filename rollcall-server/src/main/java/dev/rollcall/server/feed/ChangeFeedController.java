package dev.rollcall.server.feed;

import dev.rollcall.server.oneroster.ReadAudit;
import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/changes?after=<cursor>&limit=…}: the tenant's change journal in commit order,
 * {@code {items: [...], next}}. Pass {@code next} as the following {@code after}; without {@code
 * after} the feed starts at the beginning of what is kept. A cursor older than what retention kept is a 410.
 * Every pull is audited (the entries hold student records).
 */
@RestController
@Tag(name = "Change feed", description = "Every change to the canonical roster, pulled with a cursor")
public class ChangeFeedController {

    static final int MAX_LIMIT = 10_000;

    private final ChangeJournal journal;
    private final ReadAudit audit;
    private final JsonMapper json;

    public ChangeFeedController(ChangeJournal journal, ReadAudit audit, JsonMapper json) {
        this.journal = journal;
        this.audit = audit;
        this.json = json;
    }

    @GetMapping("/api/v1/changes")
    @Operation(summary = "Changes after a cursor, oldest first; 'next' is the cursor to continue with")
    public void changes(
            Caller caller,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(defaultValue = "100") int limit,
            HttpServletResponse response)
            throws IOException, SQLException {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.invalid(
                    "Invalid limit",
                    List.of(new ApiProblem.FieldError(
                            "limit", "must be between 1 and " + MAX_LIMIT + ", but was " + limit)));
        }
        long cursor = after == null || after.isBlank() ? 0 : parseCursor(after);
        long start = checkHorizon(journal, caller, cursor);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        ChangeJournal.Streamed streamed;
        try (JsonGenerator out = json.createGenerator(response.getOutputStream())) {
            out.writeStartObject();
            out.writeName("items");
            out.writeStartArray();
            streamed = journal.stream(caller.tenantId(), start, limit, out);
            out.writeEndArray();
            out.writeStringProperty("next", Long.toString(streamed.next()));
            out.writeEndObject();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("after", Long.toString(start));
        details.put("limit", limit);
        details.put("records", streamed.count());
        audit.record(caller.tenantId(), caller.actor(), "changes.read", "change-feed", null, details);
    }

    /** A cursor: a decimal seq, 0 or more. */
    static long parseCursor(String value) {
        try {
            long cursor = Long.parseLong(value.strip());
            if (cursor >= 0) {
                return cursor;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.invalid(
                "Invalid cursor",
                List.of(new ApiProblem.FieldError(
                        "after",
                        "must be a cursor from this feed (a whole number, 0 or more), but was '" + value + "'")));
    }

    /**
     * {@code cursor}, checked against the horizon: 0 (the start) always works, as compaction keeps
     * the latest entry of every live record.
     *
     * @throws ApiProblem 410 when retention compacted entries after the cursor
     */
    static long checkHorizon(ChangeJournal journal, Caller caller, long cursor) {
        long purged = journal.horizon(caller.tenantId())
                .map(ChangeJournal.Horizon::purgedThroughSeq)
                .orElse(0L);
        if (cursor > 0 && cursor < purged) {
            throw new ApiProblem(
                    HttpStatus.GONE,
                    "cursor-expired",
                    "Cursor expired",
                    "The journal no longer holds every change after cursor " + cursor + ": retention compacted it"
                            + " through " + purged + ". Start again without 'after' (the latest state of every record,"
                            + " then the changes) or from a cursor of " + purged + " or later.",
                    List.of(new ApiProblem.FieldError("after", "is older than the retained journal (" + purged + ")")));
        }
        return cursor;
    }
}
