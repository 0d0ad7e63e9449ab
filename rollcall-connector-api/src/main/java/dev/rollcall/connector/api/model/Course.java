package dev.rollcall.connector.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A OneRoster course: what is taught; classes are its sections. */
public record Course(
        String sourcedId,
        Status status,
        @Nullable Instant dateLastModified,
        Map<String, Object> metadata,
        @Nullable String title,
        @Nullable GuidRef schoolYear,
        @Nullable String courseCode,
        List<String> grades,
        List<String> subjects,
        @Nullable GuidRef org,
        List<String> subjectCodes,
        List<GuidRef> resources)
        implements RosterEntity {

    public Course {
        metadata = Lists.copy(metadata);
        grades = Lists.copy(grades);
        subjects = Lists.copy(subjects);
        subjectCodes = Lists.copy(subjectCodes);
        resources = Lists.copy(resources);
    }

    @Override
    public EntityType entityType() {
        return EntityType.COURSE;
    }
}
