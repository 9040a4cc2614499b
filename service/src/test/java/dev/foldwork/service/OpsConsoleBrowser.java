package dev.foldwork.service;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real browser (Debian's headless Chromium through its chromedriver) on the operations console
 * at {@code /ops}, for the console's browser tests: opening and signing in with the admin key, the
 * lists' filters, and a screenshot of each page under {@code target/ops-screenshots/}. A missing
 * browser fails the test; it is never skipped.
 */
final class OpsConsoleBrowser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "ops-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final WebDriver driver;

    private OpsConsoleBrowser(WebDriver driver) {
        this.driver = driver;
    }

    static OpsConsoleBrowser start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("the operations console's browser tests need Debian's Chromium and its driver at "
                    + CHROMIUM + " and " + CHROMEDRIVER + "; install them with 'apt-get install -y chromium chromium-driver'"
                    + " (scripts/test does so when it runs as root)");
        }
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new OpsConsoleBrowser(new ChromeDriver(service, options));
    }

    WebDriver driver() {
        return driver;
    }

    /** {@code /ops} of the service, signed out: a fresh session with no key kept. */
    void open(ConfigurableApplicationContext context) {
        driver.get(OpsConsoleService.baseUrl(context) + "/ops");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.get(OpsConsoleService.baseUrl(context) + "/ops");
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-key")));
    }

    void signIn() {
        driver.findElement(By.id("login-key")).clear();
        driver.findElement(By.id("login-key")).sendKeys(Spans.ADMIN_KEY);
        driver.findElement(By.id("login-submit")).click();
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("console")));
    }

    void filter(String list, String tenant, String error) {
        for (String field : List.of("tenant", "error")) {
            driver.findElement(By.id(list + "-" + field)).clear();
        }
        driver.findElement(By.id(list + "-tenant")).sendKeys(tenant);
        driver.findElement(By.id(list + "-error")).sendKeys(error);
        driver.findElement(By.id(list + "-load")).click();
    }

    /** Filters the Parked tab by tenant_a and the group (aggregate id) fragment. */
    void filterParked(String group) {
        driver.findElement(By.id("parked-group")).clear();
        driver.findElement(By.id("parked-group")).sendKeys(group);
        filter("parked", "tenant_a", "");
    }

    static int rows(WebDriver d, String table) {
        return d.findElements(By.cssSelector("#" + table + " tbody tr")).size();
    }

    WebDriverWait waitFor() {
        return new WebDriverWait(driver, PATIENCE);
    }

    void screenshot(String name) {
        try {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("could not save the screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
