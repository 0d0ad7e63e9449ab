package dev.rollcall.connector.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rollcall.connector.api.json.OneRosterBoolean;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/** A OneRoster enrollment: a user in a class, in a role. {@code class} is {@link #classRef()}. */
public record Enrollment(
        String sourcedId,
        Status status,
        @Nullable Instant dateLastModified,
        Map<String, Object> metadata,
        @Nullable GuidRef user,
        @JsonProperty("class") @Nullable GuidRef classRef,
        @Nullable GuidRef school,
        @Nullable EnrollmentRole role,

        @JsonSerialize(using = OneRosterBoolean.Writer.class)
        @JsonDeserialize(using = OneRosterBoolean.Reader.class)
        @Nullable
        Boolean primary,

        @Nullable LocalDate beginDate,
        @Nullable LocalDate endDate)
        implements RosterEntity {

    public Enrollment {
        metadata = Lists.copy(metadata);
    }

    @Override
    public EntityType entityType() {
        return EntityType.ENROLLMENT;
    }
}
