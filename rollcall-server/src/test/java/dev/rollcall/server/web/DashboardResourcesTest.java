package dev.rollcall.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DashboardResourcesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "integrations", "integrations/new", "integrations/4f1c/history", "syncs/abc", "audit"})
    void dashboardPagesFallBackToTheApp(String path) {
        assertThat(DashboardResources.isPagePath(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "api",
                "api/v1/nothing",
                "actuator/nothing",
                "v3/api-docs/x",
                "webhooks/abc",
                "swagger-ui",
                "swagger-ui.html",
                "swagger-ui/index.html",
                "assets/missing.js",
                "favicon.ico",
                "integrations/report.csv"
            })
    void serverPathsAndFilesDoNot(String path) {
        assertThat(DashboardResources.isPagePath(path)).isFalse();
    }
}
