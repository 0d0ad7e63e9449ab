package dev.rollcall.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DemoStarterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void summarisesASessionsCountsInEntityOrder() {
        var stats = JSON.readTree("""
                {"users": {"read": 300, "created": 300, "updated": 0, "unchanged": 0, "deleted": 0, "errors": 1},
                 "orgs": {"read": 2, "created": 2, "updated": 0, "unchanged": 0, "deleted": 0, "errors": 0}}""");

        assertThat(DemoStarter.summary(stats))
                .isEqualTo("orgs 2 read (2 created, 0 updated, 0 deleted, 0 errors), "
                        + "users 300 read (300 created, 0 updated, 0 deleted, 1 errors)");
        assertThat(DemoStarter.summary(JSON.readTree("{}"))).isEqualTo("nothing read");
    }
}
