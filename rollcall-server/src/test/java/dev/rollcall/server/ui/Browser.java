package dev.rollcall.server.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A headless Chromium driven through chromedriver, for the dashboard's browser tests: Debian's
 * {@code chromium} and {@code chromium-driver} packages (or {@code ROLLCALL_CHROMIUM} and {@code
 * ROLLCALL_CHROMEDRIVER}). Nothing is downloaded. Screenshots go to {@code
 * target/browser-screenshots}. Not thread-safe: one test drives one browser.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ChromeDriver driver;
    private final String baseUrl;

    private Browser(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** Starts Chromium, or fails saying how to install it. */
    static Browser start(String baseUrl) {
        Path chromium = find(
                        "ROLLCALL_CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .orElseThrow(() -> new IllegalStateException(missing("Chromium", "ROLLCALL_CHROMIUM")));
        Path chromedriver = find("ROLLCALL_CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
                .orElseThrow(() -> new IllegalStateException(missing("chromedriver", "ROLLCALL_CHROMEDRIVER")));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), baseUrl);
    }

    private static Optional<Path> find(String variable, String... candidates) {
        String configured = System.getenv(variable);
        return Stream.concat(Stream.ofNullable(configured), Stream.of(candidates))
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static String missing(String what, String variable) {
        return what + " is not installed, and the dashboard's browser tests need it. Install Debian's packages: "
                + "`sudo apt-get install -y chromium chromium-driver` (CI's .ci/run does this), or point " + variable
                + " at one.";
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    WebDriver driver() {
        return driver;
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    /**
     * Polls {@code condition} until it gives a value that is not null or false, for up to 15 s; a
     * failing look-up (the element is not there yet, or was re-rendered) counts as not yet.
     */
    <T> T waitFor(Function<WebDriver, @Nullable T> condition) {
        try {
            return Awaitility.await()
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> condition.apply(driver), value -> value != null && !Boolean.FALSE.equals(value));
        } catch (ConditionTimeoutException e) {
            screenshot("timeout-" + System.currentTimeMillis());
            throw e;
        }
    }

    WebElement visible(By by) {
        return waitFor(d -> {
            WebElement element = d.findElement(by);
            return element.isDisplayed() ? element : null;
        });
    }

    WebElement clickable(By by) {
        return waitFor(d -> {
            WebElement element = d.findElement(by);
            return element.isDisplayed() && element.isEnabled() ? element : null;
        });
    }

    /** Clicks once the element can take it (retrying while, e.g., a closing dialog still covers it). */
    void click(By by) {
        waitFor(d -> {
            WebElement element = d.findElement(by);
            if (!element.isDisplayed() || !element.isEnabled()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    void type(By by, String text) {
        WebElement field = visible(by);
        field.clear();
        field.sendKeys(text);
    }

    void waitForText(By by, String text) {
        waitFor(d -> d.findElement(by).getText().contains(text));
    }

    static By button(String text) {
        return By.xpath("//button[normalize-space()=" + literal(text) + "]");
    }

    static By link(String text) {
        return By.xpath("//a[normalize-space()=" + literal(text) + "]");
    }

    static By heading(String text) {
        return By.xpath("//h1[normalize-space()=" + literal(text) + "]");
    }

    static By text(String text) {
        return By.xpath("//*[contains(normalize-space(), " + literal(text) + ") and not(*[contains(normalize-space(), "
                + literal(text) + ")])]");
    }

    private static String literal(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    Object script(String javascript, Object... arguments) {
        return driver.executeScript(javascript, arguments);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves a PNG of the viewport as {@code target/browser-screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The console's errors since the last call, without the browser's own line for each HTTP error
     * answer (the tests provoke 400s and 401s on purpose; the app shows them, it does not throw).
     */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource: the server responded with a status of"))
                .toList();
    }

    Map<String, Object> sessionStorage() {
        @SuppressWarnings("unchecked")
        Map<String, Object> storage = (Map<String, Object>) script("return Object.assign({}, window.sessionStorage);");
        return storage;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
