package org.returnflow.e2e;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's headless Chromium driven by its chromedriver, with the flags of docs/pitfalls.md and a new
 * profile directory each time. When either program is missing the test is skipped (a JUnit
 * assumption) with a message that says how to install them.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);

    private final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test when Chromium or chromedriver is not installed. */
    static Browser open() throws IOException {
        File chromium = program("CHROME_BIN", "/usr/bin/chromium");
        File chromedriver = program("CHROMEDRIVER", "/usr/bin/chromedriver");
        Assumptions.assumeTrue(chromium != null && chromedriver != null,
                "Skipped: the browser test needs Debian's chromium and chromium-driver (/usr/bin/chromium, "
                        + "/usr/bin/chromedriver; or set CHROME_BIN and CHROMEDRIVER). Install them with "
                        + "apt-get install -y chromium chromium-driver, as .ci/run does.");
        Path profile = Files.createTempDirectory("returnflow-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1600,1300", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    private static File program(String variable, String fallback) {
        String configured = System.getenv(variable);
        File file = new File(configured == null || configured.isBlank() ? fallback : configured);
        return file.canExecute() ? file : null;
    }

    WebDriver driver() {
        return driver;
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    /** Logs into a Camunda webapp (cockpit, tasklist) with Camunda's own login form. */
    void logIn(String workflowUrl, String app, String user, String password) {
        driver.get(workflowUrl + "/camunda/app/" + app + "/");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]")))
                .sendKeys(user);
        driver.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model=password]")));
    }

    /** Waits for the element, scrolls it to the middle of the window and returns it. */
    WebElement scrolledTo(By locator) {
        WebElement element = waiting().until(ExpectedConditions.presenceOfElementLocated(locator));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        return waiting().until(ExpectedConditions.elementToBeClickable(element));
    }

    /**
     * Clicks the element once it can be clicked, scrolled into the middle of the window first. Where
     * Tasklist's fixed form footer covers it, the click is dispatched to the element itself.
     */
    void click(By locator) {
        WebElement element = scrolledTo(locator);
        try {
            element.click();
        } catch (ElementClickInterceptedException covered) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].click();", element);
        }
    }

    Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
