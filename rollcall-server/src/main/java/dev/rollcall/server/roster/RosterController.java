package dev.rollcall.server.roster;

import dev.rollcall.server.oneroster.ReadAudit;
import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import dev.rollcall.server.web.ApiProblem.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The roster browser's API, {@code /api/v1/records/{entity}}: search a collection, and show one record
 * with its mappings (current and closed), field provenance and change history. Tenant-scoped; a
 * record of another tenant is 404. Reads of users and enrollments are audited.
 */
@RestController
@RequestMapping("/api/v1/records")
@Tag(name = "Roster browser", description = "Search the canonical roster; a record's mappings, provenance, history")
public class RosterController {

    /** A page of records in id order; {@code next} is the {@code after} of the next page. */
    public record ListPage(
            List<RosterRecords.Summary> items, @Nullable String next) {}

    /** A page of a record's journal, newest first; {@code next} is the {@code before} of the next page. */
    public record HistoryPage(
            List<RosterRecords.Change> items, @Nullable Long next) {}

    /** One record with everything an operator needs to understand where it came from. */
    public record RecordView(
            UUID id,
            String entity,
            String status,
            Instant dateLastModified,
            Instant createdAt,
            JsonNode record,
            JsonNode provenance,
            List<RosterRecords.Mapping> mappings,
            HistoryPage history) {}

    private static final int HISTORY_PAGE = 25;

    private final RosterRecords records;
    private final ReadAudit audit;

    RosterController(RosterRecords records, ReadAudit audit) {
        this.records = records;
        this.audit = audit;
    }

    @GetMapping("/{entity}")
    @Operation(summary = "Search a collection (users, classes, enrollments, orgs, courses, academicSessions)")
    public ListPage list(
            Caller caller,
            @PathVariable String entity,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable UUID integrationId,
            @RequestParam(defaultValue = "false") boolean includeDeleted,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String after) {
        List<FieldError> problems = new ArrayList<>();
        BrowsableEntity browsable = entity(entity, problems);
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > 200) {
            problems.add(new FieldError("q", "must be at most 200 characters"));
        }
        if (limit < 1 || limit > 200) {
            problems.add(new FieldError("limit", "must be between 1 and 200"));
        }
        UUID afterId = after == null || after.isEmpty() ? null : decodeCursor(after, problems);
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid("Invalid query", problems);
        }
        List<RosterRecords.Summary> items = records.list(
                caller.tenantId(),
                browsable,
                new RosterRecords.Query(text, integrationId, includeDeleted, afterId, limit));
        String next = items.size() == limit ? encodeCursor(items.getLast().id()) : null;
        if (browsable.studentData) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("path", "/api/v1/records/" + entity);
            details.put("query", text == null ? "" : text);
            details.put("records", items.size());
            audit.record(caller.tenantId(), caller.actor(), "roster-browser.read", entity, null, details);
        }
        return new ListPage(items, next);
    }

    @GetMapping("/{entity}/{id}")
    @Operation(summary = "One record: its JSON, mappings with history, field provenance and latest changes")
    public RecordView get(Caller caller, @PathVariable String entity, @PathVariable UUID id) {
        BrowsableEntity browsable = existingEntity(entity);
        RosterRecords.Stored stored = records.find(caller.tenantId(), browsable, id)
                .orElseThrow(() -> ApiProblem.notFound("Record " + entity, id.toString()));
        if (browsable.studentData) {
            audit.record(
                    caller.tenantId(),
                    caller.actor(),
                    "roster-browser.read",
                    entity,
                    id.toString(),
                    Map.of("path", "/api/v1/records/" + entity + "/" + id, "records", 1));
        }
        return new RecordView(
                stored.id(),
                entity,
                stored.status(),
                stored.dateLastModified(),
                stored.createdAt(),
                stored.record(),
                stored.provenance(),
                records.mappings(caller.tenantId(), browsable, id),
                historyPage(caller, browsable, id, null, HISTORY_PAGE));
    }

    @GetMapping("/{entity}/{id}/history")
    @Operation(summary = "A record's change history, newest first, paged by seq")
    public HistoryPage history(
            Caller caller,
            @PathVariable String entity,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable Long before,
            @RequestParam(defaultValue = "25") int limit) {
        if (limit < 1 || limit > 200) {
            throw ApiProblem.invalid("Invalid query", List.of(new FieldError("limit", "must be between 1 and 200")));
        }
        BrowsableEntity browsable = existingEntity(entity);
        if (records.find(caller.tenantId(), browsable, id).isEmpty()) {
            throw ApiProblem.notFound("Record " + entity, id.toString());
        }
        return historyPage(caller, browsable, id, before, limit);
    }

    private HistoryPage historyPage(Caller caller, BrowsableEntity entity, UUID id, @Nullable Long before, int limit) {
        List<RosterRecords.Change> items = records.history(caller.tenantId(), entity, id, before, limit);
        return new HistoryPage(items, items.size() == limit ? items.getLast().seq() : null);
    }

    private static BrowsableEntity existingEntity(String entity) {
        return BrowsableEntity.fromCollection(entity).orElseThrow(() -> ApiProblem.notFound("Collection", entity));
    }

    private static BrowsableEntity entity(String entity, List<FieldError> problems) {
        return BrowsableEntity.fromCollection(entity).orElseGet(() -> {
            problems.add(new FieldError("entity", "must be one of " + BrowsableEntity.collections()));
            return BrowsableEntity.USERS;
        });
    }

    private static String encodeCursor(UUID id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(id.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable UUID decodeCursor(String cursor, List<FieldError> problems) {
        try {
            return UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldError("after", "is not a cursor this API gave out"));
            return null;
        }
    }
}
