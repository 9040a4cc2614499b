package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The operations console at {@code /ops} in a real browser ({@link OpsConsoleBrowser}), in the
 * memory mode: signing in with an admin key, the overview listing a tenant that sent commands and
 * its aggregate page, and a rebuild started from the page running to 100%.
 */
class OpsConsolePagesBrowserTest {
    private static OpsConsoleBrowser browser;
    private static WebDriver driver;
    private static ConfigurableApplicationContext memory;

    @BeforeAll
    static void startBrowserAndService() throws IOException {
        browser = OpsConsoleBrowser.start();
        driver = browser.driver();
        // the tally pipeline, quick retries
        memory = OpsConsoleService.start(List.of(ParkedAdminMemoryModeTest.Tally.class), "foldwork.dispatch=memory");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (memory != null) {
            memory.close();
        }
    }

    @Test
    void signsInWithTheAdminKeyAndShowsTheConsole() {
        browser.open(memory);
        WebDriverWait wait = browser.waitFor();
        assertThat(driver.findElement(By.id("console")).isDisplayed()).isFalse();

        driver.findElement(By.id("login-key")).sendKeys("not-a-key");
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        assertThat(driver.findElement(By.id("message-title")).getText()).isEqualTo("unknown API key");
        assertThat(driver.findElement(By.id("console")).isDisplayed()).isFalse();
        browser.screenshot("login-refused");

        browser.signIn();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview-table")));
        assertThat(driver.findElement(By.id("login")).isDisplayed()).isFalse();
        assertThat(driver.getCurrentUrl()).doesNotContain(Spans.ADMIN_KEY);
        Object stored = ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return sessionStorage.getItem('foldwork.ops.key')");
        assertThat(stored).isEqualTo(Spans.ADMIN_KEY);
        browser.screenshot("console");

        // parked aggregates are listed in every mode; dead letters stay the Redis mode's and the page says so
        wait.until(d -> d.findElement(By.id("mode")).getText().toLowerCase(java.util.Locale.ROOT).contains("memory"));
        driver.findElement(By.id("tab-parked")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("parked-table")));
        assertThat(driver.findElement(By.id("parked-note")).isDisplayed()).isFalse();
        driver.findElement(By.id("tab-dead-letters")).click();
        WebElement note = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dead-note")));
        assertThat(note.getText()).contains("Redis mode", "memory mode");
        assertThat(driver.findElement(By.id("dead-table")).isDisplayed()).isFalse();
        browser.screenshot("dead-letters-memory-mode");
    }

    @Test
    void theOverviewListsATenantThatSentCommands() {
        ApiClient api = new ApiClient(OpsConsoleService.baseUrl(memory));
        String trace = "ops-trace-" + UUID.randomUUID().toString().substring(0, 8);
        for (int s = 0; s < 5; s++) {
            ApiClient.Response sent = api.command(Spans.KEY_A, "trace", "record_span", Spans.span(trace, "s" + s, 1000, 1500));
            assertThat(sent.status()).as(sent.body()).isBetween(200, 299);
        }
        browser.open(memory);
        browser.signIn();
        By row = By.cssSelector("#overview-table tbody tr[data-tenant='tenant_a'][data-pipeline='trace']");
        WebElement tenantRow = browser.waitFor().until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(tenantRow.getText()).contains("trace", "tenant_a");
        assertThat(driver.findElement(By.id("mode")).getText()).containsIgnoringCase("memory");
        // a second sample (5 s later), so the chart draws its lines
        browser.waitFor().until(d -> ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "var line = document.querySelector('#overview-chart polyline.rate');"
                        + " return line !== null && line.getAttribute('points').split(' ').length >= 2;").equals(Boolean.TRUE));
        browser.screenshot("overview");

        // the trace's stream and fold states on the aggregate page
        driver.findElement(By.id("tab-aggregate")).click();
        driver.findElement(By.id("aggregate-tenant")).sendKeys("tenant_a");
        driver.findElement(By.id("aggregate-pipeline")).sendKeys("trace");
        driver.findElement(By.id("aggregate-id")).sendKeys(trace);
        driver.findElement(By.id("aggregate-submit")).click();
        browser.waitFor().until(d -> d.findElements(By.cssSelector("#aggregate-events tbody tr")).size() == 5);
        assertThat(driver.findElement(By.cssSelector("#aggregate-events tbody tr[data-seq]")).getText()).contains("s0");
        assertThat(driver.findElements(By.cssSelector("#aggregate-folds tbody tr[data-fold]"))).isNotEmpty();
        assertThat(driver.findElement(By.id("aggregate-title")).getText()).contains(trace);
        browser.screenshot("aggregate");
    }

    @Test
    void startsARebuildFromThePageAndSeesItDone() {
        ApiClient api = new ApiClient(OpsConsoleService.baseUrl(memory));
        String trace = "ops-rebuild-" + UUID.randomUUID().toString().substring(0, 8);
        for (int s = 0; s < 4; s++) {
            api.command(Spans.KEY_A, "trace", "record_span", Spans.span(trace, "s" + s, 1000, 1500));
        }
        browser.open(memory);
        browser.signIn();
        driver.findElement(By.id("tab-rebuilds")).click();
        driver.findElement(By.id("rebuild-projection")).sendKeys("trace_summary");
        driver.findElement(By.id("rebuild-tenant")).sendKeys("tenant_a");
        driver.findElement(By.id("rebuild-aggregate")).sendKeys(trace);
        driver.findElement(By.id("rebuild-start")).click();

        By done = By.cssSelector("#rebuilds-table tbody tr[data-status='done'] .progress-bar[aria-valuenow='100']");
        WebElement bar = browser.waitFor().until(ExpectedConditions.visibilityOfElementLocated(done));
        WebElement row = bar.findElement(By.xpath("./ancestor::tr"));
        assertThat(row.getText()).contains("trace_summary", "tenant_a", trace, "done", "4 / 4");
        String id = row.getAttribute("data-id");
        assertThat(api.get("/api/v1/admin/rebuilds/" + id, Spans.ADMIN_KEY).json().path("eventsDone").asLong()).isEqualTo(4);

        // a refused rebuild shows the problem's title and detail
        driver.findElement(By.id("rebuild-projection")).clear();
        driver.findElement(By.id("rebuild-projection")).sendKeys("no_such_fold");
        driver.findElement(By.id("rebuild-start")).click();
        browser.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message-detail"), "no_such_fold"));
        assertThat(driver.findElement(By.id("message-title")).getText()).isEqualTo("not found");
        browser.screenshot("rebuilds");
    }
}
