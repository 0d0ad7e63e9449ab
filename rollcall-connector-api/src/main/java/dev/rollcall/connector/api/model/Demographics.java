package dev.rollcall.connector.api.model;

import dev.rollcall.connector.api.json.OneRosterBoolean;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A OneRoster demographics record; its {@code sourcedId} is the user's. The race flags are
 * {@code "true"}/{@code "false"} strings on the wire.
 */
public record Demographics(
        String sourcedId,
        Status status,
        @Nullable Instant dateLastModified,
        Map<String, Object> metadata,
        @Nullable LocalDate birthDate,
        @Nullable Sex sex,

        @JsonSerialize(using = OneRosterBoolean.Writer.class)
        @JsonDeserialize(using = OneRosterBoolean.Reader.class)
        @Nullable
        Boolean americanIndianOrAlaskaNative,

        @JsonSerialize(using = OneRosterBoolean.Writer.class)
        @JsonDeserialize(using = OneRosterBoolean.Reader.class)
        @Nullable
        Boolean asian,

        @JsonSerialize(using = OneRosterBoolean.Writer.class)
        @JsonDeserialize(using = OneRosterBoolean.Reader.class)
        @Nullable
        Boolean blackOrAfricanAmerican,

        @JsonSerialize(using = OneRosterBoolean.Writer.class)
        @JsonDeserialize(using = OneRosterBoolean.Reader.class)
        @Nullable
        Boolean nativeHawaiianOrOtherPacificIslander,

        @JsonSerialize(using = OneRosterBoolean.Writer.class)
        @JsonDeserialize(using = OneRosterBoolean.Reader.class)
        @Nullable
        Boolean white,

        @JsonSerialize(using = OneRosterBoolean.Writer.class)
        @JsonDeserialize(using = OneRosterBoolean.Reader.class)
        @Nullable
        Boolean demographicRaceTwoOrMoreRaces,

        @JsonSerialize(using = OneRosterBoolean.Writer.class)
        @JsonDeserialize(using = OneRosterBoolean.Reader.class)
        @Nullable
        Boolean hispanicOrLatinoEthnicity,

        @Nullable String countryOfBirthCode,
        @Nullable String stateOfBirthAbbreviation,
        @Nullable String cityOfBirth,
        @Nullable String publicSchoolResidenceStatus)
        implements RosterEntity {

    public Demographics {
        metadata = Lists.copy(metadata);
    }

    @Override
    public EntityType entityType() {
        return EntityType.DEMOGRAPHICS;
    }
}
