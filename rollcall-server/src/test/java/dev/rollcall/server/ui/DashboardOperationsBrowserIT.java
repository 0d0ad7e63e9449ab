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
import static dev.rollcall.server.ui.Browser.link;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.engine.sync.FakeConnector;
import dev.rollcall.server.support.ServerTestSupport;
import dev.rollcall.server.support.TestIntegrations;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * What an operator does after a sync, in a real browser: finds a user in the roster browser and reads
 * its mapping and history, replays a dead letter once its cause is fixed, and creates a webhook
 * endpoint whose secret is shown once.
 */
class DashboardOperationsBrowserIT extends ServerTestSupport {

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

    /** A school whose enrollment e9 names class k2, which the upstream does not have (yet). */
    private static FakeConnector schoolOf(String tag) {
        return new FakeConnector()
                .put(district("d1", T0), school("s1", "d1", T0))
                .put(term("t1", T0))
                .put(course("c1", "d1", T0))
                .put(rosterClass("k1", "c1", "s1", "t1", T0))
                .put(user("u1", "s1", "ada." + tag + "@example.org", "Ada", T0))
                .put(user("u2", "s1", "grace." + tag + "@example.org", "Grace", T0))
                .put(enrollment("e1", "u1", "k1", "s1", T0))
                .put(enrollment("e9", "u2", "k2", "s1", T0));
    }

    @Test
    void aUserIsFoundInTheRosterWithItsMappingAndHistory() {
        String tag = "b" + UUID.randomUUID().toString().substring(0, 8);
        String name = "Roster School " + tag;
        String integration = TestIntegrations.serving(api(), name, schoolOf(tag));
        assertThat(TestIntegrations.syncFully(api(), integration).path("state").asString())
                .isEqualTo("succeeded");

        browser.open("/roster");
        signIn();
        browser.visible(heading("Roster"));
        browser.type(By.id("roster-search"), "grace." + tag);
        browser.waitFor(driver -> browser.driver().getCurrentUrl().contains("q=grace." + tag));
        browser.screenshot("31-roster-search");
        browser.click(link("Grace Family u2"));

        browser.waitFor(driver -> browser.path().startsWith("/roster/users/"));
        browser.waitForText(By.cssSelector("[data-testid='record-mappings']"), name);
        assertThat(browser.visible(By.cssSelector("[data-testid='record-mappings']"))
                        .getText())
                .contains("u2")
                .contains("current");
        browser.waitForText(By.cssSelector("[data-testid='record-history']"), "created");
        browser.waitForText(By.cssSelector("[data-testid='record-json']"), "\"givenName\": \"Grace\"");
        browser.waitForText(By.cssSelector("[data-testid='record-provenance']"), "email");
        browser.screenshot("32-roster-record");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aDeadLetterIsReplayedOnceItsReferenceExists() {
        String tag = "d" + UUID.randomUUID().toString().substring(0, 8);
        FakeConnector upstream = schoolOf(tag);
        String integration = TestIntegrations.serving(api(), "Dead Letter School " + tag, upstream);
        TestIntegrations.syncFully(api(), integration);
        synchronized (upstream) {
            upstream.put(rosterClass("k2", "c1", "s1", "t1", T0)).remove(EntityType.ENROLLMENT, "e9");
        }
        TestIntegrations.syncFully(api(), integration);

        browser.open("/");
        signIn();
        browser.waitForText(By.cssSelector("[data-testid='overview-dead-letters']"), "need a decision");
        browser.screenshot("33-overview-dead-letters");

        browser.open("/dead-letters?integrationId=" + integration);
        browser.visible(heading("Dead letters"));
        browser.waitForText(By.cssSelector("[data-testid='dead-letters']"), "k2");
        browser.screenshot("34-dead-letters");
        browser.click(link("enrollments e9"));

        browser.waitForText(By.cssSelector("[data-testid='dead-letter-payload']"), "\"sourcedId\": \"e9\"");
        browser.click(By.cssSelector("[data-testid='replay-dead-letter']"));
        browser.waitForText(By.cssSelector("[data-testid='replay-result']"), "was applied to the roster");
        browser.waitForText(By.cssSelector("h1 [data-testid='dead-letter-state']"), "replayed");
        browser.screenshot("35-dead-letter-replayed");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aWebhookEndpointIsCreatedAndItsSecretShownOnce() {
        String tag = "w" + UUID.randomUUID().toString().substring(0, 8);
        String integration = TestIntegrations.serving(api(), "Webhook School " + tag, schoolOf(tag));

        browser.open("/integrations/" + integration + "/webhooks");
        signIn();
        browser.click(button("New endpoint"));
        browser.click(By.cssSelector("[data-testid='create-endpoint']"));

        browser.waitForText(By.cssSelector("[data-testid='endpoint-secret']"), "whsec_");
        assertThat(browser.visible(By.cssSelector("[data-testid='endpoint-url']"))
                        .getText())
                .contains("/webhooks/");
        assertThat(browser.visible(By.cssSelector("[data-testid='secret-once']"))
                        .getText())
                .contains("You will not see it again");
        browser.screenshot("36-webhook-endpoint-secret");
        browser.click(button("Done"));
        browser.waitFor(driver -> driver.findElements(By.cssSelector("[data-testid='endpoint-secret']"))
                .isEmpty());
        browser.visible(button("Rotate secret"));
        browser.screenshot("37-webhook-endpoints");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private void signIn() {
        browser.type(By.id("token"), ADMIN_TOKEN);
        browser.click(button("Sign in"));
        browser.waitFor(driver -> driver.findElements(By.id("token")).isEmpty());
    }
}
