package dev.rollcall.server.ui;

import static dev.rollcall.engine.sync.Records.T0;
import static dev.rollcall.engine.sync.Records.course;
import static dev.rollcall.engine.sync.Records.district;
import static dev.rollcall.engine.sync.Records.enrollment;
import static dev.rollcall.engine.sync.Records.rosterClass;
import static dev.rollcall.engine.sync.Records.school;
import static dev.rollcall.engine.sync.Records.term;
import static dev.rollcall.engine.sync.Records.user;
import static dev.rollcall.server.ui.Browser.button;
import static dev.rollcall.server.ui.Browser.heading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.engine.sync.FakeConnector;
import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import dev.rollcall.server.testconnector.TestRosters;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Syncs in a real browser: a run started from the dashboard is watched until it finishes, and a run
 * held by the mass-change guard shows what it would change and is approved. The upstream is the
 * test connector's in-memory roster, gated so the running state can be seen.
 */
class DashboardSyncBrowserIT extends ServerTestSupport {

    private static final By STATE = By.cssSelector("h1 [data-testid='sync-state']");

    private Browser browser;

    @BeforeEach
    void startBrowser() {
        browser = Browser.start("http://localhost:" + port);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static FakeConnector sampleDistrict() {
        return new FakeConnector()
                .put(district("d1", T0), school("s1", "d1", T0), school("s2", "d1", T0))
                .put(term("t1", T0))
                .put(course("c1", "d1", T0))
                .put(rosterClass("k1", "c1", "s1", "t1", T0), rosterClass("k2", "c1", "s2", "t1", T0))
                .put(user("u1", "s1", "u1@example.org", T0), user("u2", "s1", "u2@example.org", T0))
                .put(user("u3", "s2", "u3@example.org", T0))
                .put(enrollment("e1", "u1", "k1", "s1", T0), enrollment("e2", "u2", "k1", "s1", T0))
                .put(enrollment("e3", "u3", "k2", "s2", T0));
    }

    @Test
    void aSyncStartedInTheDashboardIsWatchedUntilItFinishes() {
        String baseUrl = "https://roster.test/" + UUID.randomUUID();
        Semaphore pages = new Semaphore(0);
        TestRosters.serveGated(baseUrl, sampleDistrict(), pages);
        String name = "Watched District " + UUID.randomUUID().toString().substring(0, 8);
        String integration = createIntegration(name, baseUrl);

        browser.open("/integrations/" + integration);
        signIn();
        browser.visible(heading(name));
        browser.click(button("Run sync"));
        browser.click(By.xpath("//*[@role='dialog']//button[normalize-space()='Start sync']"));

        browser.waitFor(driver -> browser.path().startsWith("/syncs/"));
        browser.waitForText(STATE, "running");
        browser.screenshot("21-sync-running");

        pages.release(10_000);
        browser.waitForText(STATE, "succeeded");
        browser.waitForText(By.cssSelector("[data-testid='session-stats']"), "users");
        browser.screenshot("22-sync-succeeded");

        browser.open("/");
        browser.visible(heading("Overview"));
        browser.waitForText(By.cssSelector("[data-testid='overview-integrations']"), name);
        browser.waitForText(By.cssSelector("[data-testid='overview-integrations']"), "succeeded");
        browser.screenshot("23-overview-after-sync");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aHeldRunShowsWhatItWouldChangeAndIsApproved() {
        String baseUrl = "https://roster.test/" + UUID.randomUUID();
        FakeConnector upstream = sampleDistrict();
        TestRosters.serve(baseUrl, upstream);
        String integration = createIntegration("Guarded District " + UUID.randomUUID(), baseUrl);
        Api.Response schedule = api().put(
                        "/api/v1/integrations/" + integration + "/sync-schedule",
                        Map.of("settings", Map.of("massChangeShare", 0.2, "massChangeMinimum", 1)));
        assertThat(schedule.status()).as(schedule.text()).isEqualTo(200);
        awaitState(startFull(integration), "succeeded");
        synchronized (upstream) {
            upstream.remove(EntityType.USER, "u1").remove(EntityType.USER, "u2");
        }
        String held = startFull(integration);
        awaitState(held, "held");

        browser.open("/syncs/" + held);
        signIn();
        browser.waitForText(STATE, "held");
        browser.waitForText(By.cssSelector("[data-testid='guard-summary']"), "users: 2 of 3 active records");
        browser.waitForText(By.cssSelector("[data-testid='changes-table']"), "u2");
        assertThat(browser.visible(By.cssSelector("[data-testid='changes-table']"))
                        .getText())
                .contains("u1")
                .contains("deleted");
        browser.screenshot("24-held-run");

        browser.click(button("Approve"));
        browser.click(By.xpath("//*[@role='dialog']//button[normalize-space()='Approve']"));
        browser.waitForText(STATE, "succeeded");
        browser.screenshot("25-held-run-approved");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private String createIntegration(String name, String baseUrl) {
        Api.Response created = api().post(
                        "/api/v1/integrations",
                        Map.of(
                                "name",
                                name,
                                "connector",
                                "test",
                                "config",
                                Map.of("apiKey", "k-" + UUID.randomUUID(), "baseUrl", baseUrl)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private String startFull(String integration) {
        Api.Response started = api().post("/api/v1/integrations/" + integration + "/syncs", Map.of("mode", "full"));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        return started.json().path("id").asString();
    }

    private void awaitState(String session, String state) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> api().get("/api/v1/syncs/" + session)
                                .json()
                                .path("state")
                                .asString(),
                        state::equals);
    }

    private void signIn() {
        browser.type(By.id("token"), ADMIN_TOKEN);
        browser.click(button("Sign in"));
        browser.waitFor(driver -> driver.findElements(By.id("token")).isEmpty());
    }
}
