package dev.rollcall.server.integrations;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What changed between two configuration versions. Secret values appear only as {@code "********"}. */
public record ConfigDiff(int from, int to, List<Change> changes) {

    public enum Kind {
        ADDED,
        REMOVED,
        CHANGED
    }

    /** One field that differs; {@code field} is {@code name} or {@code config.<field>}. */
    public record Change(
            String field,
            Kind kind,
            @Nullable Object before,
            @Nullable Object after) {}
}
