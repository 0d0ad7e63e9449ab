package dev.rollcall.connector.api.model;

import dev.rollcall.connector.api.json.OneRosterBoolean;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A OneRoster 1.2 user: a student, teacher, administrator, guardian… with one role or more per
 * org. {@code enabledUser} is written as the string {@code "true"}/{@code "false"}, as the binding
 * says, and read from either a string or a JSON boolean (TimeBack sends booleans).
 */
public record User(
        String sourcedId,
        Status status,
        @Nullable Instant dateLastModified,
        Map<String, Object> metadata,
        @Nullable String userMasterIdentifier,
        @Nullable String username,
        List<UserId> userIds,

        @JsonSerialize(using = OneRosterBoolean.Writer.class)
        @JsonDeserialize(using = OneRosterBoolean.Reader.class)
        @Nullable
        Boolean enabledUser,

        @Nullable String givenName,
        @Nullable String familyName,
        @Nullable String middleName,
        @Nullable String preferredFirstName,
        @Nullable String preferredMiddleName,
        @Nullable String preferredLastName,
        @Nullable String pronouns,
        List<Role> roles,
        List<UserProfile> userProfiles,
        @Nullable GuidRef primaryOrg,
        @Nullable String identifier,
        @Nullable String email,
        @Nullable String sms,
        @Nullable String phone,
        List<GuidRef> agents,
        List<String> grades,
        List<GuidRef> resources)
        implements RosterEntity {

    public User {
        metadata = Lists.copy(metadata);
        userIds = Lists.copy(userIds);
        roles = Lists.copy(roles);
        userProfiles = Lists.copy(userProfiles);
        agents = Lists.copy(agents);
        grades = Lists.copy(grades);
        resources = Lists.copy(resources);
    }

    @Override
    public EntityType entityType() {
        return EntityType.USER;
    }
}
