package dev.strongroom.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both named by path so that
 * Selenium Manager never looks for (or downloads) a browser or driver. The browser only talks to the
 * test app on 127.0.0.1. Every {@link #screenshot} is taken twice, at desktop width and at 390 px
 * (a current phone), and at 390 px the page must not scroll sideways. The pictures stay in
 * {@code target/screenshots/} as the run's artifacts.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    public static final int NARROW = 390;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final String base;
    private final Path downloads;
    private final Path profile;

    /**
     * Skips the calling test class with a loud reason when Chromium or its driver is missing; on CI
     * ({@code CI=true}) a missing browser is a failure instead, so a broken setup cannot pass unseen.
     */
    public static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        MissingTool.skipOrFail("BROWSER TESTS", "browser tests need Debian's chromium and chromium-driver at "
                + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install -y chromium chromium-driver)");
    }

    public static Browser start(int port) {
        try {
            Path downloads = Files.createTempDirectory("strongroom-downloads-");
            Path profile = Files.createTempDirectory("strongroom-chromium-profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900",
                    "--lang=en-US");
            options.setExperimentalOption("prefs", Map.of("download.default_directory",
                    downloads.toAbsolutePath().toString(), "download.prompt_for_download", false,
                    "safebrowsing.enabled", false));
            // An alert left open must stay visible to the test, which then asserts that none opened.
            options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
            return new Browser(driver, "http://127.0.0.1:" + port, downloads, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Browser(ChromeDriver driver, String base, Path downloads, Path profile) {
        this.driver = driver;
        this.base = base;
        this.downloads = downloads;
        this.profile = profile;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public String base() {
        return base;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String mainText() {
        return find("main").getText();
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    public void waitForText(String css, String text) {
        // While a page is replaced, an element found on the old one can be read after it is gone: Chrome then
        // answers "unknown error: Node ... does not belong to the document", not a stale element. Look again.
        waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            try {
                return d.findElement(By.cssSelector(css)).getText().contains(text);
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** Signs in through the form, as a person would, and waits for the start page. */
    public void signIn(String user, String password) {
        open("/login");
        find("#username").sendKeys(user);
        find("#password").sendKeys(password);
        find("form.stack button[type=submit]").click();
        waiting().until(d -> !d.getCurrentUrl().contains("/login"));
        assertTrue(find(".who").getText().contains(user), "signed in as " + user);
    }

    public void signOut() {
        find("form.signout button").click();
        waiting().until(ExpectedConditions.urlContains("/login"));
    }

    public String sessionCookie() {
        Cookie cookie = driver.manage().getCookieNamed("strongroom-session");
        return cookie == null ? null : cookie.getValue();
    }

    /** Fails when a JavaScript dialog (alert, confirm, prompt) is open. */
    public void assertNoDialog() {
        try {
            String text = driver.switchTo().alert().getText();
            fail("a JavaScript dialog opened: " + text);
        } catch (NoAlertPresentException expected) {
            // no dialog, as it should be
        }
    }

    /**
     * Saves the whole page as {@code target/screenshots/<name>.png} at desktop width and as
     * {@code <name>-390px.png} at phone width, and checks that at phone width nothing sticks out
     * sideways (which would make people scroll horizontally to read).
     */
    public void screenshot(String name) {
        assertLabelled(name);
        save(name + ".png");
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", NARROW, "height", 800, "deviceScaleFactor", 1, "mobile", true));
        try {
            Number width = (Number) driver.executeScript("return document.documentElement.scrollWidth;");
            save(name + "-" + NARROW + "px.png");
            assertTrue(width.intValue() <= NARROW,
                    name + " is " + width + " px wide at " + NARROW + " px: something does not wrap");
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** Every visible form control has a label a screen reader can announce. */
    private void assertLabelled(String page) {
        Object unlabelled = driver.executeScript("return Array.from(document.querySelectorAll("
                + "'input:not([type=hidden]), select, textarea')).filter(e => !(e.labels && e.labels.length)"
                + " && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))"
                + ".map(e => e.id || e.name || e.outerHTML);");
        assertEquals(List.of(), unlabelled, page + " has form controls without a label");
    }

    private void save(String file) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get("width").doubleValue(),
                        "height", Math.min(size.get("height").doubleValue(), 8000), "scale", 1)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(file), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a finished download (Chromium writes {@code .crdownload} until then) and returns it. */
    public Path awaitDownload(String fileNameEnd) {
        Path[] found = new Path[1];
        waiting().until(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                found[0] = files.filter(p -> p.getFileName().toString().endsWith(fileNameEnd)).findFirst().orElse(null);
                return found[0] != null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return found[0];
    }

    public void clearDownloads() {
        try (Stream<Path> files = Files.list(downloads)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void assertTitleStartsWith(String prefix) {
        assertTrue(driver.getTitle().startsWith(prefix), "title '" + driver.getTitle() + "' starts with " + prefix);
    }

    public void assertHeading(String text) {
        assertEquals(text, find("h1").getText());
    }

    @Override
    public void close() {
        driver.quit();
        deleteTree(downloads);
        deleteTree(profile);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
