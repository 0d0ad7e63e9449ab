package dev.rollcall.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.server.support.ServerTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Shared rate-limit rows of long-full buckets are deleted; rows still in use stay. */
class RateLimitPurgeIT extends ServerTestSupport {

    @Autowired
    IntegrationGateways gateways;

    @Autowired
    JdbcClient jdbc;

    @Test
    void expiredRateLimitRowsArePurgedAndLiveOnesKept() {
        long now = System.currentTimeMillis();
        jdbc.sql("insert into gateway_rate_bucket (id, state, expires_at) values (?, ?, ?), (?, ?, ?)")
                .params(
                        "purge-test:expired@10/1000ms",
                        new byte[] {1},
                        now - 60_000,
                        "purge-test:live@10/1000ms",
                        new byte[] {1},
                        now + 600_000)
                .update();

        assertThat(gateways.purgeExpiredRateLimits()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.sql("select id from gateway_rate_bucket where id like 'purge-test:%'")
                        .query(String.class)
                        .list())
                .containsExactly("purge-test:live@10/1000ms");
    }
}
