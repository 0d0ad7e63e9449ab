package dev.rollcall.connector.testkit;

import dev.rollcall.connector.api.ConnectorContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One upstream prepared for the contract suite: how to reach it, what it holds, and how to change
 * it. Opened before each test and closed after it, so tests that change the upstream do not see
 * each other.
 */
public interface ContractFixture extends AutoCloseable {

    /** The context connectors are opened with (its gateway reaches the upstream). */
    ConnectorContext context();

    /** A raw configuration (as the API would receive it) that works. */
    Map<String, Object> config();

    /** The same configuration with credentials the upstream refuses. */
    Map<String, Object> configWithBadCredentials();

    /** A raw configuration with several independent problems, and the fields they are in. */
    InvalidConfig invalidConfig();

    /** What the upstream holds now, for the streams the suite reads. */
    ExpectedDataset expected();

    /**
     * Changes the upstream (updates, soft deletes and additions in some streams) and says what
     * changed; empty when this upstream cannot be changed by the test.
     */
    Optional<Changes> change();

    /**
     * Adds a new record to {@code stream} that breaks the OneRoster rules (e.g. a user without a
     * role) and returns its external id; empty when the upstream cannot hold one.
     */
    Optional<String> injectBadRecord(String stream);

    @Override
    void close();

    /**
     * A configuration with problems.
     *
     * @param raw the raw values
     * @param problemFields the fields the problems must name, all of them in one validation
     */
    record InvalidConfig(Map<String, Object> raw, Set<String> problemFields) {
        public InvalidConfig {
            raw = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(raw));
            problemFields = Set.copyOf(problemFields);
        }
    }

    /**
     * What {@link #change()} did.
     *
     * @param since an instant at or before every change and after every unchanged record's
     *     modification time: the watermark a delta read starts from
     * @param changed per stream, the ids updated, added or soft-deleted
     * @param deleted per stream, the ids among them that are now deleted
     */
    record Changes(Instant since, Map<String, Set<String>> changed, Map<String, Set<String>> deleted) {
        public Changes {
            changed = Map.copyOf(changed);
            deleted = Map.copyOf(deleted);
        }
    }
}
