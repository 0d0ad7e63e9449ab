package dev.rollcall.engine.sync.internal;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.engine.sync.EntityStats;
import dev.rollcall.engine.sync.MassChangeReport;
import dev.rollcall.engine.sync.SyncSettings;
import dev.rollcall.engine.sync.SyncStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a run changes or deletes too much of an entity to be applied without an operator:
 * more than {@link SyncSettings#massChangeShare()} of the records active before the run, and at
 * least {@link SyncSettings#massChangeMinimum()} records (at least one).
 */
public final class MassChangeGuard {

    private MassChangeGuard() {}

    /** @param active per entity read by the run, its records active in the roster before the run */
    public static MassChangeReport evaluate(SyncStats stats, Map<EntityType, Long> active, SyncSettings settings) {
        List<MassChangeReport.Check> checks = new ArrayList<>();
        for (Map.Entry<EntityType, Long> base : active.entrySet()) {
            EntityStats entity = stats.of(base.getKey());
            long changed = entity.changedOrDeleted();
            boolean exceeded = changed >= Math.max(1, settings.massChangeMinimum())
                    && changed > settings.massChangeShare() * base.getValue();
            checks.add(new MassChangeReport.Check(
                    base.getKey(),
                    base.getValue(),
                    entity.updated(),
                    entity.deleted(),
                    settings.massChangeShare(),
                    exceeded));
        }
        checks.sort(java.util.Comparator.comparing(check -> check.entityType().ordinal()));
        return new MassChangeReport(checks);
    }
}
