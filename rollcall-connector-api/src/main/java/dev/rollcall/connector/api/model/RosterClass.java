package dev.rollcall.connector.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A OneRoster class: a section of a course, taught in a school during one or more terms. */
public record RosterClass(
        String sourcedId,
        Status status,
        @Nullable Instant dateLastModified,
        Map<String, Object> metadata,
        @Nullable String title,
        @Nullable String classCode,
        @Nullable ClassType classType,
        @Nullable String location,
        List<String> grades,
        List<String> subjects,
        @Nullable GuidRef course,
        @Nullable GuidRef school,
        List<GuidRef> terms,
        List<String> subjectCodes,
        List<String> periods,
        List<GuidRef> resources)
        implements RosterEntity {

    public RosterClass {
        metadata = Lists.copy(metadata);
        grades = Lists.copy(grades);
        subjects = Lists.copy(subjects);
        terms = Lists.copy(terms);
        subjectCodes = Lists.copy(subjectCodes);
        periods = Lists.copy(periods);
        resources = Lists.copy(resources);
    }

    @Override
    public EntityType entityType() {
        return EntityType.CLASS;
    }
}
