package dev.rollcall.connector.api.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A canonical OneRoster 1.2 record. Every implementation is an immutable record whose JSON form is
 * the OneRoster 1.2 JSON binding; {@link dev.rollcall.connector.api.json.CanonicalJson} turns it into
 * canonical bytes and a checksum.
 */
public sealed interface RosterEntity permits Org, AcademicSession, Course, RosterClass, User, Enrollment, Demographics {

    String sourcedId();

    Status status();

    @Nullable
    Instant dateLastModified();

    /** Free-form extension data ({@code metadata} in the binding). Never null. */
    Map<String, Object> metadata();

    EntityType entityType();
}
