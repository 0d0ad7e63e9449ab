package dev.rollcall.server.gateway;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The gateway's housekeeping on the shared job engine (one instance runs it at a time): every 10
 * minutes, the rate-limit rows of buckets that have been full long enough are deleted, so that the
 * table holds only the limits in use.
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GatewayConfiguration.class);

    @Bean
    RecurringTask<Void> gatewayRateLimitPurgeTask(@Lazy IntegrationGateways gateways) {
        return Tasks.recurring("gateway-rate-limit-purge", FixedDelay.ofMinutes(10))
                .execute((instance, context) -> {
                    int removed = gateways.purgeExpiredRateLimits();
                    if (removed > 0) {
                        log.info("removed {} expired rate-limit rows", removed);
                    }
                });
    }
}
