package dev.rollcall.connector.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A OneRoster org: a district, a school, a department and so on. */
public record Org(
        String sourcedId,
        Status status,
        @Nullable Instant dateLastModified,
        Map<String, Object> metadata,
        @Nullable String name,
        @Nullable OrgType type,
        @Nullable String identifier,
        @Nullable GuidRef parent,
        List<GuidRef> children)
        implements RosterEntity {

    public Org {
        metadata = Lists.copy(metadata);
        children = Lists.copy(children);
    }

    @Override
    public EntityType entityType() {
        return EntityType.ORG;
    }
}
