package dev.rollcall.connector.api.model;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** One of a user's roles: what the user is ({@code role}) in which org, primary or secondary. */
public record Role(
        @Nullable RoleType roleType,
        @Nullable RoleName role,
        @Nullable GuidRef org,
        @Nullable String userProfile,
        @Nullable LocalDate beginDate,
        @Nullable LocalDate endDate) {}
