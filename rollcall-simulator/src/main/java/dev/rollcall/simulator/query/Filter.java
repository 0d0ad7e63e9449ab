package dev.rollcall.simulator.query;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** A parsed OneRoster {@code filter=} expression; {@link #test} tells whether a record matches. */
public interface Filter extends Predicate<JsonNode> {

    /**
     * If this filter is exactly {@code dateLastModified > 'X'} or {@code >= 'X'} (alone, or AND-ed
     * with others), the instant X and whether inclusive; lets the server answer deltas from its
     * change overlay only. Empty when the filter has an OR, or no such predicate. With several such
     * predicates AND-ed, the tightest one.
     */
    Optional<Bound> lowerBoundOnDateLastModified();

    /** A lower bound on {@code dateLastModified}: records at {@code instant} match only if inclusive. */
    record Bound(Instant instant, boolean inclusive) {
        public Bound {
            Objects.requireNonNull(instant, "instant");
        }
    }
}
