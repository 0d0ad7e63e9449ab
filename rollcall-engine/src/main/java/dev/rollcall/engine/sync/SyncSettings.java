package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.model.EntityType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the engine runs, for one integration. Immutable; build with {@link #builder()}, which rejects
 * a bad value at once and names it.
 *
 * @param pageSize the page size asked of the connector
 * @param overlap how far a delta read starts before the watermark, so that records sharing a
 *     timestamp across a page boundary, or committed upstream late, are read again (duplicates are
 *     harmless: they classify as unchanged)
 * @param massChangeShare the share of an entity's stored records that may be changed or deleted by
 *     one run before it is held (0.2 = 20%)
 * @param massChangeMinimum fewer changed-or-deleted records than this never hold a run, so that a
 *     roster of three orgs can change one
 * @param naturalKeys per entity, the key that matches a new external record to an existing local one
 * @param maxAttempts how often one page request is tried when the connector fails retriably
 * @param initialBackoff the wait before the second attempt; doubled for each further one
 * @param maxBackoff the longest wait between attempts, also for a server's Retry-After
 * @param firstLoadPerPage whether a first load (the integration has nothing mapped yet) applies its
 *     new records page by page, each page in one transaction with its checkpoint, rather than staging
 *     them for the end of the run; a first load has nothing for the mass-change guard to protect
 */
public record SyncSettings(
        int pageSize,
        Duration overlap,
        double massChangeShare,
        int massChangeMinimum,
        Map<EntityType, NaturalKey> naturalKeys,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        boolean firstLoadPerPage) {

    public static final SyncSettings DEFAULTS = builder().build();

    public SyncSettings {
        naturalKeys = Map.copyOf(naturalKeys);
    }

    public Optional<NaturalKey> naturalKey(EntityType type) {
        return Optional.ofNullable(naturalKeys.get(type));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.pageSize = pageSize;
        builder.overlap = overlap;
        builder.massChangeShare = massChangeShare;
        builder.massChangeMinimum = massChangeMinimum;
        builder.naturalKeys.putAll(naturalKeys);
        builder.maxAttempts = maxAttempts;
        builder.initialBackoff = initialBackoff;
        builder.maxBackoff = maxBackoff;
        builder.firstLoadPerPage = firstLoadPerPage;
        return builder;
    }

    /** Collects settings; each setter checks its value and names it when it is wrong. */
    public static final class Builder {
        private int pageSize = 500;
        private Duration overlap = Duration.ofMinutes(5);
        private double massChangeShare = 0.2;
        private int massChangeMinimum = 10;
        private final Map<EntityType, NaturalKey> naturalKeys = new EnumMap<>(EntityType.class);
        private int maxAttempts = 5;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(60);
        private boolean firstLoadPerPage = true;

        private Builder() {}

        public Builder pageSize(int value) {
            if (value < 1 || value > 10_000) {
                throw new IllegalArgumentException("pageSize must be between 1 and 10000, but was " + value);
            }
            pageSize = value;
            return this;
        }

        public Builder overlap(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("overlap must not be negative, but was " + value);
            }
            overlap = value;
            return this;
        }

        public Builder massChangeShare(double value) {
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException(
                        "massChangeShare must be greater than 0 and at most 1, but was " + value);
            }
            massChangeShare = value;
            return this;
        }

        public Builder massChangeMinimum(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("massChangeMinimum must be 0 or more, but was " + value);
            }
            massChangeMinimum = value;
            return this;
        }

        public Builder naturalKey(EntityType type, NaturalKey key) {
            if (!key.appliesTo(type)) {
                throw new IllegalArgumentException("naturalKeys." + type.collection() + ": '" + key.configName()
                        + "' is not a field of " + type.collection());
            }
            naturalKeys.put(type, key);
            return this;
        }

        public Builder maxAttempts(int value) {
            if (value < 1 || value > 100) {
                throw new IllegalArgumentException("maxAttempts must be between 1 and 100, but was " + value);
            }
            maxAttempts = value;
            return this;
        }

        public Builder initialBackoff(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("initialBackoff must not be negative, but was " + value);
            }
            initialBackoff = value;
            return this;
        }

        public Builder maxBackoff(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("maxBackoff must not be negative, but was " + value);
            }
            maxBackoff = value;
            return this;
        }

        public Builder firstLoadPerPage(boolean value) {
            firstLoadPerPage = value;
            return this;
        }

        public SyncSettings build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff (" + maxBackoff
                        + ") must not be shorter than initialBackoff (" + initialBackoff + ")");
            }
            return new SyncSettings(
                    pageSize,
                    overlap,
                    massChangeShare,
                    massChangeMinimum,
                    naturalKeys,
                    maxAttempts,
                    initialBackoff,
                    maxBackoff,
                    firstLoadPerPage);
        }
    }
}
