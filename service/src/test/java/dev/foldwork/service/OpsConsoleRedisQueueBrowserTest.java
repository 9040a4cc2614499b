package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.TenantId;
import dev.foldwork.redis.dispatch.RedisDispatcher;
import dev.foldwork.redis.groupqueue.StagedJob;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The console's bulk actions on the Redis queue in a real browser ({@link OpsConsoleBrowser}):
 * parked groups skipped, and dead letters retried and discarded, by filter and selection.
 */
class OpsConsoleRedisQueueBrowserTest {
    private static OpsConsoleBrowser browser;
    private static WebDriver driver;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = OpsConsoleBrowser.start();
        driver = browser.driver();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void parkedGroupsAreSkippedAndDeadLettersRetriedAndDiscardedInTheRedisMode() {
        try (ConfigurableApplicationContext redis = OpsConsoleService.start("foldwork.dispatch=redis",
                "foldwork.redis.queue=starter-ops-console-" + UUID.randomUUID().toString().substring(0, 8))) {
            RedisDispatcher dispatcher = redis.getBean(RedisDispatcher.class);
            String tenant = "ops" + UUID.randomUUID().toString().substring(0, 8);
            TenantId id = TenantId.of(tenant);
            dispatcher.queue().stage(List.of(
                    new StagedJob(StagedJob.Mode.IN_GROUP, tenant + ":fold:trace:trace:t-1", "{broken", 0, ""),
                    StagedJob.dead(id, "map:span_storage:", emptyMapJob(tenant), "the store was down"),
                    StagedJob.dead(id, "map:span_storage:", emptyMapJob(tenant), "the store was down"),
                    StagedJob.dead(id, "map:span_storage:", "{broken", "another cause"))).join();

            browser.open(redis);
            browser.signIn();
            WebDriverWait wait = browser.waitFor();

            driver.findElement(By.id("tab-parked")).click();
            browser.filter("parked", tenant, "");
            wait.until(d -> OpsConsoleBrowser.rows(d, "parked-table") == 1); // the broken job parks its group
            browser.screenshot("parked");
            driver.findElement(By.id("parked-select-all")).click();
            driver.findElement(By.id("parked-skip")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(d -> OpsConsoleBrowser.rows(d, "parked-table") == 0);
            assertThat(driver.findElement(By.id("message-detail")).getText()).startsWith("1 of 1");

            driver.findElement(By.id("tab-dead-letters")).click();
            browser.filter("dead", tenant, "store was down");
            wait.until(d -> OpsConsoleBrowser.rows(d, "dead-table") == 2);
            driver.findElement(By.id("dead-select-all")).click();
            assertThat(driver.findElement(By.id("dead-count")).getText()).contains("2 selected");
            browser.screenshot("dead-letters");
            driver.findElement(By.id("dead-retry")).click();
            wait.until(d -> OpsConsoleBrowser.rows(d, "dead-table") == 0); // they ran through

            browser.filter("dead", tenant, "");
            wait.until(d -> OpsConsoleBrowser.rows(d, "dead-table") == 2); // "another cause" and the skipped head job
            assertThat(driver.findElement(By.id("dead-table")).getText()).contains("another cause", "skipped by an operator");
            driver.findElement(By.id("dead-select-all")).click();
            driver.findElement(By.id("dead-discard")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(d -> OpsConsoleBrowser.rows(d, "dead-table") == 0);
            assertThat(driver.findElement(By.id("message-title")).getText()).contains("Discarded");
            assertThat(new ApiClient(OpsConsoleService.baseUrl(redis)).get("/api/v1/admin/dead-letters?tenant=" + tenant, Spans.ADMIN_KEY)
                    .json().path("items")).isEmpty();
        }
    }

    /** A map job that decodes and runs through: no events to apply. */
    private static String emptyMapJob(String tenant) {
        return "{\"kind\": \"map\", \"tenant\": \"" + tenant + "\", \"map\": \"span_storage\", \"events\": []}";
    }
}
