package dev.rollcall.engine.sync;

import dev.rollcall.connector.api.model.EntityType;
import java.util.List;

/**
 * The mass-change guard's finding: per entity, how many active records the roster held before the
 * run, how many the run would change or delete, and whether that is over the limit.
 *
 * <p>A run that read an entity in full counted every active record. A run that looked its records
 * up instead (a delta, a webhook run) counts active records only as far as the decision needs: up to
 * the smallest base under which its changes would be over the limit. So when such a check is not
 * exceeded, {@code active} may be a lower bound ("at least"); when it is exceeded, it is exact.
 */
public record MassChangeReport(List<Check> checks) {

    /** One entity's numbers; {@code limit} is the share allowed, e.g. 0.2. */
    public record Check(
            EntityType entityType, long active, long updated, long deleted, double limit, boolean exceeded) {

        /** The share of active records the run changes or deletes; 1 when there were none. */
        public double share() {
            long changed = updated + deleted;
            return active == 0 ? (changed == 0 ? 0 : 1) : (double) changed / active;
        }
    }

    public MassChangeReport {
        checks = List.copyOf(checks);
    }

    public boolean held() {
        return checks.stream().anyMatch(Check::exceeded);
    }

    /** A sentence for people, e.g. {@code users: 450 of 1000 active records (45.0%) would change or be deleted}. */
    public String summary() {
        return checks.stream()
                .filter(Check::exceeded)
                .map(check -> String.format(
                        java.util.Locale.ROOT,
                        "%s: %d of %d active records (%.1f%%) would change or be deleted, over the %.0f%% limit",
                        check.entityType().collection(),
                        check.updated() + check.deleted(),
                        check.active(),
                        check.share() * 100,
                        check.limit() * 100))
                .reduce((a, b) -> a + "; " + b)
                .orElse("no entity over the limit");
    }
}
