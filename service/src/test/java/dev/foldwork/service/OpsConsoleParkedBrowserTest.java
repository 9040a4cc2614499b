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
 * The console's Parked tab in a real browser ({@link OpsConsoleBrowser}), in the memory and the
 * Redis mode: an aggregate parked by a poison event ({@link TallyPipeline}) is listed, and retried
 * once its fold is fixed.
 */
class OpsConsoleParkedBrowserTest {
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

    /**
     * The memory mode: a fold fails on a poison event and parks its aggregate; the Parked tab lists
     * it with its fold, event and error, a canary retry while the fold still fails shows the API's
     * problem, and once the fold is fixed the row's Retry catches the fold up.
     */
    @Test
    void aParkedAggregateIsListedAndRetriedAfterTheFixInTheMemoryMode() {
        ApiClient api = new ApiClient(OpsConsoleService.baseUrl(memory));
        String tally = "ops-tally-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "tenant_a:fold:tally:tally:" + tally;
        TallyPipeline.CURED.set(false);
        try {
            WebDriverWait wait = browser.waitFor();
            parkATally(api, tally, group, wait);
            browser.open(memory);
            browser.signIn();
            driver.findElement(By.id("tab-parked")).click();
            browser.filterParked(tally);
            By row = By.cssSelector("#parked-table tbody tr[data-key='" + group + "']");
            WebElement parked = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
            assertThat(driver.findElement(By.id("parked-note")).isDisplayed()).isFalse();
            assertThat(parked.getText()).contains(group, TallyPipeline.FOLD, "poison tally entry", tally);
            List<WebElement> cells = parked.findElements(By.tagName("td"));
            String eventId = cells.get(3).getText();
            assertThat(eventId).isNotBlank().isNotEqualTo("–");
            assertThat(cells.get(4).getText()).isEqualTo("3"); // the quick retries of ParkedAdminMemoryModeTest.Tally
            browser.screenshot("parked-memory-mode");

            // a canary retry by filter while the fold still fails: the 409 problem's detail is shown, the row stays
            assertThat(driver.findElement(By.id("parked-canary")).isSelected()).isTrue();
            driver.findElement(By.id("parked-retry-filter")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message-detail"), "failed again"));
            assertThat(driver.findElement(By.id("message-title")).getText()).isEqualTo("canary failed");
            assertThat(driver.findElement(By.id("message-detail")).getText()).contains(group);
            // the list reloads after the action: the new row's buttons are enabled (the old one's were disabled while it ran)
            By retry = By.cssSelector("#parked-table tbody tr[data-key='" + group + "'] button.row-retry");
            WebElement retryButton = wait.until(ExpectedConditions.elementToBeClickable(retry));
            browser.screenshot("parked-canary-failed");

            // the fix is deployed; Retry on the row applies the poison event and the one behind it
            TallyPipeline.CURED.set(true);
            retryButton.click();
            seeTheRowGoAndTheTallyCatchUp(api, tally, row, wait, "parked-memory-mode");
        } finally {
            TallyPipeline.CURED.set(false);
        }
    }

    /**
     * The Redis mode: the tally fold's job fails on the poison event until its attempts are used up
     * (3, quickly: {@code foldwork.redis.max-attempts} and the backoff) and parks its group; the
     * Parked tab lists it with the error, and once the fold is fixed the row's Retry runs the head
     * job again and the fold catches up.
     */
    @Test
    void aParkedAggregateIsListedAndRetriedAfterTheFixInTheRedisMode() {
        TallyPipeline.CURED.set(false);
        try (ConfigurableApplicationContext redis = OpsConsoleService.start(List.of(ParkedAdminMemoryModeTest.Tally.class), // the tally pipeline
                "foldwork.dispatch=redis",
                "foldwork.redis.queue=starter-ops-tally-" + UUID.randomUUID().toString().substring(0, 8),
                "foldwork.redis.max-attempts=3", "foldwork.redis.backoff-base=50ms", "foldwork.redis.backoff-cap=200ms")) {
            ApiClient api = new ApiClient(OpsConsoleService.baseUrl(redis));
            String tally = "ops-tally-" + UUID.randomUUID().toString().substring(0, 8);
            String group = "tenant_a:fold:tally:tally:" + tally;
            WebDriverWait wait = browser.waitFor();
            parkATally(api, tally, group, wait);
            browser.open(redis);
            browser.signIn();
            driver.findElement(By.id("tab-parked")).click();
            browser.filterParked(tally);
            By row = By.cssSelector("#parked-table tbody tr[data-key='" + group + "']");
            WebElement parked = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
            assertThat(parked.getText()).contains(group, "poison tally entry");
            assertThat(parked.findElements(By.tagName("td")).get(4).getText()).isEqualTo("3"); // foldwork.redis.max-attempts
            browser.screenshot("parked-redis-mode");

            // the fix is deployed; Retry on the row runs the fold job again: the poison event and the one behind it apply
            TallyPipeline.CURED.set(true);
            By retry = By.cssSelector("#parked-table tbody tr[data-key='" + group + "'] button.row-retry");
            wait.until(ExpectedConditions.elementToBeClickable(retry)).click();
            seeTheRowGoAndTheTallyCatchUp(api, tally, row, wait, "parked-redis-mode");
        } finally {
            TallyPipeline.CURED.set(false);
        }
    }

    /** Counts before, poison and after on the tally, and waits until the admin API lists its group as parked. */
    private static void parkATally(ApiClient api, String tally, String group, WebDriverWait wait) {
        for (String memo : List.of("before", "poison", "after")) {
            ApiClient.Response sent = api.command(Spans.KEY_A, TallyPipeline.NAME, "count",
                    "{\"tallyId\": \"" + tally + "\", \"memo\": \"" + memo + "\"}");
            assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        }
        wait.until(d -> api.get("/api/v1/admin/parked?tenant=tenant_a&group=" + tally, Spans.ADMIN_KEY).body().contains(group));
    }

    /** After a row's Retry: the page reports it, the row goes, and the Aggregate tab shows the fold with all three entries. */
    private static void seeTheRowGoAndTheTallyCatchUp(ApiClient api, String tally, By row, WebDriverWait wait, String screenshots) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message-detail"), "1 of 1"));
        assertThat(driver.findElement(By.id("message-title")).getText()).contains("Retried");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(row));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("parked-empty")));
        browser.screenshot(screenshots + "-retried");
        wait.until(d -> tallyEntries(api, tally) == 3);

        driver.findElement(By.id("tab-aggregate")).click();
        driver.findElement(By.id("aggregate-tenant")).sendKeys("tenant_a");
        driver.findElement(By.id("aggregate-pipeline")).sendKeys(TallyPipeline.NAME);
        driver.findElement(By.id("aggregate-id")).sendKeys(tally);
        driver.findElement(By.id("aggregate-submit")).click();
        By fold = By.cssSelector("#aggregate-folds tbody tr[data-fold='" + TallyPipeline.FOLD + "']");
        String state = wait.until(ExpectedConditions.visibilityOfElementLocated(fold)).getText();
        assertThat(state).contains("\"entries\": 3", "\"lastMemo\": \"after\"");
        browser.screenshot(screenshots + "-caught-up");
    }

    /** The entries the tally fold counted for the aggregate (its stored state over the admin API); -1 before it has one. */
    private static long tallyEntries(ApiClient api, String tally) {
        ApiClient.Response response = api.get("/api/v1/admin/aggregates/tenant_a/" + TallyPipeline.NAME + "/" + tally, Spans.ADMIN_KEY);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        for (com.fasterxml.jackson.databind.JsonNode fold : response.json().path("folds")) {
            if (fold.path("fold").asText().equals(TallyPipeline.FOLD) && !fold.path("state").isNull()) {
                return fold.path("state").path("entries").asLong(-1);
            }
        }
        return -1;
    }
}
