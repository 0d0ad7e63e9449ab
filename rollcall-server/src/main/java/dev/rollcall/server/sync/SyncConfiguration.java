package dev.rollcall.server.sync;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.rollcall.engine.sync.Sleeper;
import dev.rollcall.engine.sync.SyncEngine;
import dev.rollcall.store.postgres.sync.MappingLookup;
import dev.rollcall.store.postgres.sync.PostgresSyncStore;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The sync engine on the PostgreSQL store, and its jobs: {@code sync-run} (one session; the instance
 * id is the integration's, so one integration never runs twice at once) and {@code sync-schedules}
 * (starts due scheduled runs every 15 seconds).
 */
@Configuration(proxyBeanMethods = false)
public class SyncConfiguration {

    @Bean
    MappingLookup mappingLookup(DataSource dataSource) {
        return new MappingLookup(dataSource, 1_000_000, Duration.ofMinutes(10));
    }

    @Bean
    PostgresSyncStore syncStore(DataSource dataSource, MappingLookup mappingLookup) {
        return new PostgresSyncStore(dataSource, mappingLookup);
    }

    @Bean
    SyncEngine syncEngine(PostgresSyncStore syncStore) {
        return new SyncEngine(syncStore, Sleeper.SYSTEM);
    }

    @Bean
    OneTimeTask<String> syncRunTask(@Lazy SyncRunner runner) {
        return Tasks.oneTime("sync-run", String.class)
                // A killed instance's run is picked up again and resumes from its checkpoint.
                .onDeadExecutionRevive()
                .onFailureRetryLater()
                .execute((instance, context) -> {
                    try {
                        runner.execute(UUID.fromString(instance.getData()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(
                                "sync session " + instance.getData()
                                        + " interrupted; it resumes from its checkpoint when retried",
                                e);
                    }
                });
    }

    @Bean
    RecurringTask<Void> syncSchedulesTask(@Lazy SyncScheduleService schedules) {
        return Tasks.recurring("sync-schedules", FixedDelay.ofSeconds(15))
                .execute((instance, context) -> schedules.startDue());
    }
}
