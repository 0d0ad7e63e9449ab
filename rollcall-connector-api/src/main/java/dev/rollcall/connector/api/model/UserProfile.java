package dev.rollcall.connector.api.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A user's profile in an application (OneRoster 1.2 {@code userProfiles}). Credentials are kept as
 * the source sent them, minus any password, which Rollcall never stores.
 */
public record UserProfile(
        String profileId,
        @Nullable String profileType,
        @Nullable String vendorId,
        @Nullable String applicationId,
        @Nullable String description,
        List<Map<String, Object>> credentials) {

    public UserProfile {
        credentials = credentials == null
                ? List.of()
                : credentials.stream()
                        .map(credential -> {
                            var copy = new java.util.LinkedHashMap<>(credential);
                            copy.remove("password");
                            return java.util.Collections.unmodifiableMap(copy);
                        })
                        .map(map -> (Map<String, Object>) map)
                        .toList();
    }
}
