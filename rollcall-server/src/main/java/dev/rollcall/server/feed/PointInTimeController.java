package dev.rollcall.server.feed;

import dev.rollcall.server.oneroster.ReadAudit;
import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/roster/{entity}?asOf=<timestamp>}: the tenant's records of one collection as
 * they were at that moment, rebuilt from the change journal (for each record, its last journal
 * entry at or before {@code asOf}, unless that entry is a delete). Paged by id: {@code {asOf, items,
 * next}}, {@code next} being the {@code after} of the following page (null on the last). A moment
 * before what retention kept is a 410. Reads of users, enrollments and demographics are audited.
 */
@RestController
@Tag(name = "Point in time", description = "The roster as it was at a given moment, from the change journal")
public class PointInTimeController {

    private static final Map<String, String> ENTITY_TYPES = Map.of(
            "orgs", "org",
            "academicSessions", "academicSession",
            "courses", "course",
            "classes", "class",
            "users", "user",
            "enrollments", "enrollment",
            "demographics", "demographics");

    private final DataSource dataSource;
    private final ChangeJournal journal;
    private final ReadAudit audit;
    private final JsonMapper json;

    public PointInTimeController(DataSource dataSource, ChangeJournal journal, ReadAudit audit, JsonMapper json) {
        this.dataSource = dataSource;
        this.journal = journal;
        this.audit = audit;
        this.json = json;
    }

    @GetMapping("/api/v1/roster/{entity}")
    @Operation(summary = "The records of a collection as they were at 'asOf' (ISO 8601), paged by id")
    public void asOf(
            Caller caller,
            @PathVariable String entity,
            @RequestParam(required = false) @Nullable String asOf,
            @RequestParam(required = false) @Nullable UUID after,
            @RequestParam(defaultValue = "1000") int limit,
            HttpServletResponse response)
            throws IOException, SQLException {
        String entityType = ENTITY_TYPES.get(entity);
        if (entityType == null) {
            throw ApiProblem.invalid(
                    "Unknown collection",
                    List.of(new ApiProblem.FieldError(
                            "entity",
                            "must be one of " + new java.util.TreeSet<>(ENTITY_TYPES.keySet()) + ", not '" + entity
                                    + "'")));
        }
        Instant moment = moment(asOf);
        if (limit < 1 || limit > ChangeFeedController.MAX_LIMIT) {
            throw ApiProblem.invalid(
                    "Invalid limit",
                    List.of(new ApiProblem.FieldError(
                            "limit",
                            "must be between 1 and " + ChangeFeedController.MAX_LIMIT + ", but was " + limit)));
        }
        journal.horizon(caller.tenantId())
                .filter(horizon -> moment.isBefore(horizon.purgedBefore()))
                .ifPresent(horizon -> {
                    throw new ApiProblem(
                            HttpStatus.GONE,
                            "moment-expired",
                            "Moment no longer kept",
                            "Retention kept the journal from " + horizon.purgedBefore() + " on; " + moment
                                    + " is before that",
                            List.of(new ApiProblem.FieldError(
                                    "asOf", "must be " + horizon.purgedBefore() + " or later")));
                });
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        int count = 0;
        String last = null;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select x.record_id, x.record::text from (
                            select y.record_id,
                                   case when y.record_in_roster
                                        then change_journal_record(y.tenant_id, y.entity_type, y.record_id, y.seq,
                                                                   y.record, true)
                                        else y.record end as record
                            from (select distinct on (record_id) record_id, tenant_id, seq, entity_type, operation,
                                         record, record_in_roster
                                  from change_journal
                                  where tenant_id = ? and entity_type = ? and occurred_at <= ? and record_id > ?
                                  order by record_id, seq desc) y
                            where y.operation <> 'deleted') x
                        where x.record is not null
                        order by x.record_id limit ?
                        """);
                JsonGenerator out = json.createGenerator(response.getOutputStream())) {
            statement.setObject(1, caller.tenantId());
            statement.setString(2, entityType);
            statement.setTimestamp(3, Timestamp.from(moment));
            statement.setObject(4, after == null ? new UUID(0, 0) : after);
            statement.setInt(5, limit);
            out.writeStartObject();
            out.writeStringProperty("asOf", moment.toString());
            out.writeName("items");
            out.writeStartArray();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    last = rows.getString(1);
                    out.writeRawValue(rows.getString(2));
                    count++;
                }
            }
            out.writeEndArray();
            out.writeName("next");
            if (count == limit && last != null) {
                out.writeString(last);
            } else {
                out.writeNull();
            }
            out.writeEndObject();
        }
        if (entityType.equals("user") || entityType.equals("enrollment") || entityType.equals("demographics")) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("asOf", moment.toString());
            details.put("after", after == null ? "" : after.toString());
            details.put("records", count);
            audit.record(caller.tenantId(), caller.actor(), "roster.read-as-of", entity, null, details);
        }
    }

    private static Instant moment(@Nullable String asOf) {
        if (asOf == null || asOf.isBlank()) {
            throw ApiProblem.invalid(
                    "asOf is required",
                    List.of(new ApiProblem.FieldError("asOf", "is required (ISO 8601, e.g. 2024-09-01T00:00:00Z)")));
        }
        try {
            return OffsetDateTime.parse(asOf.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(
                    "Invalid asOf",
                    List.of(new ApiProblem.FieldError(
                            "asOf",
                            "must be an ISO 8601 timestamp with an offset (e.g. 2024-09-01T00:00:00Z), but was '" + asOf
                                    + "'")));
        }
    }
}
