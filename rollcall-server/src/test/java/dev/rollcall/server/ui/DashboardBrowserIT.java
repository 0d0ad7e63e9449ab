package dev.rollcall.server.ui;

import static dev.rollcall.server.ui.Browser.button;
import static dev.rollcall.server.ui.Browser.heading;
import static dev.rollcall.server.ui.Browser.link;
import static dev.rollcall.server.ui.Browser.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.server.support.Api;
import dev.rollcall.server.support.ServerTestSupport;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser (headless Chromium) against the real server: sign-in and the first
 * load's time, an integration created through the form generated from the test connector's spec
 * (field errors by their fields), edit with the secret kept, history, diff and rollback, the
 * connection doctor, webhook endpoints, the theme, tablet width and sign-out. Screenshots are kept
 * in {@code target/browser-screenshots}.
 */
class DashboardBrowserIT extends ServerTestSupport {

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

    @Test
    void aBadTokenIsRefusedAndAGoodOneGetsIn() {
        browser.open("/");
        browser.visible(By.id("token"));
        browser.screenshot("01-sign-in");
        Number loadMillis = (Number) browser.script(
                "const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;");
        assertThat(loadMillis.doubleValue())
                .as("first load on loopback, ms")
                .isPositive()
                .isLessThan(1000);

        browser.type(By.id("token"), "not-the-admin-token-0123");
        browser.click(button("Sign in"));
        browser.visible(text("Rollcall did not accept that token."));
        browser.screenshot("02-sign-in-refused");
        assertThat(browser.sessionStorage()).isEmpty();

        signIn();
        browser.visible(heading("Overview"));
        browser.screenshot("03-overview");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void anIntegrationIsCreatedFromTheGeneratedFormWithItsErrorsShownByTheirFields() {
        String name = "Browser District " + UUID.randomUUID().toString().substring(0, 8);
        browser.open("/integrations/new");
        signIn();
        browser.visible(heading("New integration"));

        browser.click(By.id("connector"));
        browser.click(By.xpath("//*[@role='option'][contains(normalize-space(), '(test)')]"));
        browser.visible(By.id("config-baseUrl"));
        browser.type(By.id("name"), name);
        browser.type(By.id("config-baseUrl"), "not a url");
        browser.click(button("Create integration"));

        WebElement baseUrlError =
                browser.visible(By.cssSelector("[data-field='baseUrl'] [data-testid='error-config.baseUrl']"));
        assertThat(baseUrlError.getText()).startsWith("Base url ");
        browser.visible(By.cssSelector("[data-field='apiKey'] [data-testid='error-config.apiKey']"));
        assertThat(browser.visible(By.id("config-baseUrl")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        browser.screenshot("04-create-field-errors");

        browser.type(By.id("config-baseUrl"), "https://sis.example.org/");
        browser.type(By.id("config-apiKey"), "browser-secret-value");
        browser.click(button("Create integration"));
        browser.visible(heading(name));
        String id = browser.path().substring("/integrations/".length());
        assertThat(UUID.fromString(id)).isNotNull();
        browser.screenshot("05-integration-created");

        browser.click(link("Edit"));
        browser.visible(By.id("config-pageSize"));
        assertThat(browser.visible(By.id("config-apiKey")).getAttribute("value"))
                .isEmpty();
        browser.type(By.id("config-pageSize"), "500");
        browser.click(button("Save changes"));
        browser.waitForText(By.cssSelector("[data-testid='config-view']"), "500");
        assertThat(browser.path()).isEqualTo("/integrations/" + id + "/configuration");
        assertThat(browser.driver()
                        .findElement(By.cssSelector("[data-testid='config-view']"))
                        .getText())
                .contains("(set)")
                .doesNotContain("browser-secret-value");

        browser.click(By.xpath("//*[@role='tab'][normalize-space()='History']"));
        browser.waitForText(By.cssSelector("[data-testid='diff-table']"), "config.pageSize");
        browser.screenshot("06-history-diff");

        browser.click(button("Roll back to v1"));
        browser.click(By.xpath("//*[@role='dialog']//button[normalize-space()='Roll back']"));
        browser.waitForText(By.cssSelector("[data-testid='versions-table']"), "v3");
        browser.waitForText(By.cssSelector("[data-testid='diff-table']"), "config.pageSize");
        browser.screenshot("07-rolled-back");

        browser.click(By.xpath("//*[@role='tab'][normalize-space()='Connection doctor']"));
        browser.click(button("Run check"));
        browser.waitForText(By.cssSelector("[data-testid='check-result']"), "Overall");
        browser.screenshot("08-connection-doctor");

        Api.Response endpoint =
                api().post("/api/v1/integrations/" + id + "/webhook-endpoints", Map.of("scheme", "standard-webhooks"));
        assertThat(endpoint.status()).as(endpoint.text()).isEqualTo(201);
        browser.click(By.xpath("//*[@role='tab'][normalize-space()='Webhooks']"));
        browser.visible(text("standard-webhooks"));
        browser.visible(text("No events."));
        assertThat(browser.path()).isEqualTo("/integrations/" + id + "/webhooks");

        assertThat(browser.driver().getPageSource()).doesNotContain("browser-secret-value");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void itWorksAtTabletWidthInBothThemesAndSignsOut() {
        browser.resize(768, 1024);
        browser.open("/audit");
        signIn();
        browser.visible(heading("Audit log"));
        assertThat((Boolean) browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("no horizontal scrolling at 768 px")
                .isTrue();
        browser.screenshot("09-tablet-audit");

        boolean darkBefore = darkTheme();
        browser.click(By.xpath("//button[starts-with(@aria-label, 'Use ')]"));
        assertThat(darkTheme()).isNotEqualTo(darkBefore);
        browser.click(link("Overview"));
        browser.visible(heading("Overview"));
        browser.screenshot("10-tablet-overview-" + (darkTheme() ? "dark" : "light"));

        browser.click(button("Sign out"));
        browser.visible(text("You are signed out."));
        assertThat(browser.sessionStorage()).isEmpty();
        browser.open("/integrations");
        browser.visible(By.id("token"));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private void signIn() {
        browser.type(By.id("token"), ADMIN_TOKEN);
        browser.click(button("Sign in"));
        browser.waitFor(driver -> driver.findElements(By.id("token")).isEmpty());
    }

    private boolean darkTheme() {
        return (Boolean) browser.script("return document.documentElement.classList.contains('dark')");
    }
}
