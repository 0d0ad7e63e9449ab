package dev.rollcall.connector.api.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A OneRoster academic session: a school year, semester, term or grading period. */
public record AcademicSession(
        String sourcedId,
        Status status,
        @Nullable Instant dateLastModified,
        Map<String, Object> metadata,
        @Nullable String title,
        @Nullable LocalDate startDate,
        @Nullable LocalDate endDate,
        @Nullable SessionType type,
        @Nullable GuidRef parent,
        List<GuidRef> children,
        @Nullable String schoolYear,
        @Nullable GuidRef org)
        implements RosterEntity {

    public AcademicSession {
        metadata = Lists.copy(metadata);
        children = Lists.copy(children);
    }

    @Override
    public EntityType entityType() {
        return EntityType.ACADEMIC_SESSION;
    }
}
