package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.TenantId;
import dev.foldwork.redis.dispatch.RedisDispatcher;
import dev.foldwork.redis.groupqueue.StagedJob;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The operations console at {@code /ops} in a real browser (Debian's headless Chromium through
 * its chromedriver): signing in with an admin key, the overview listing a tenant that sent
 * commands, a rebuild started from the page running to 100%, in the memory mode an aggregate parked
 * by a poison event ({@link TallyPipeline}) listed and retried once its fold is fixed, in the memory
 * and the Redis mode, and in the Redis mode parked groups skipped and dead letters retried and
 * discarded in bulk. Each page is saved as a screenshot
 * under {@code target/ops-screenshots/}. A missing browser fails the test; it is never skipped.
 */
class OpsConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "ops-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static ConfigurableApplicationContext memory;
    private static WebDriver driver;

    @BeforeAll
    static void startBrowserAndService() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("the operations console's browser tests need Debian's Chromium and its driver at "
                    + CHROMIUM + " and " + CHROMEDRIVER + "; install them with 'apt-get install -y chromium chromium-driver'"
                    + " (scripts/test does so when it runs as root)");
        }
        Files.createDirectories(SCREENSHOTS);
        memory = start(List.of(ParkedAdminMemoryModeTest.Tally.class), "foldwork.dispatch=memory"); // the tally pipeline, quick retries
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (memory != null) {
            memory.close();
        }
    }

    @Test
    void signsInWithTheAdminKeyAndShowsTheConsole() {
        open(memory);
        WebDriverWait wait = waitFor();
        assertThat(driver.findElement(By.id("console")).isDisplayed()).isFalse();

        driver.findElement(By.id("login-key")).sendKeys("not-a-key");
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        assertThat(driver.findElement(By.id("message-title")).getText()).isEqualTo("unknown API key");
        assertThat(driver.findElement(By.id("console")).isDisplayed()).isFalse();
        screenshot("login-refused");

        signIn();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview-table")));
        assertThat(driver.findElement(By.id("login")).isDisplayed()).isFalse();
        assertThat(driver.getCurrentUrl()).doesNotContain(Spans.ADMIN_KEY);
        Object stored = ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return sessionStorage.getItem('foldwork.ops.key')");
        assertThat(stored).isEqualTo(Spans.ADMIN_KEY);
        screenshot("console");

        // parked aggregates are listed in every mode; dead letters stay the Redis mode's and the page says so
        wait.until(d -> d.findElement(By.id("mode")).getText().toLowerCase(java.util.Locale.ROOT).contains("memory"));
        driver.findElement(By.id("tab-parked")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("parked-table")));
        assertThat(driver.findElement(By.id("parked-note")).isDisplayed()).isFalse();
        driver.findElement(By.id("tab-dead-letters")).click();
        WebElement note = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dead-note")));
        assertThat(note.getText()).contains("Redis mode", "memory mode");
        assertThat(driver.findElement(By.id("dead-table")).isDisplayed()).isFalse();
        screenshot("dead-letters-memory-mode");
    }

    /**
     * The memory mode: a fold fails on a poison event and parks its aggregate; the Parked tab lists
     * it with its fold, event and error, a canary retry while the fold still fails shows the API's
     * problem, and once the fold is fixed the row's Retry catches the fold up.
     */
    @Test
    void aParkedAggregateIsListedAndRetriedAfterTheFixInTheMemoryMode() {
        ApiClient api = new ApiClient(baseUrl(memory));
        String tally = "ops-tally-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "tenant_a:fold:tally:tally:" + tally;
        TallyPipeline.CURED.set(false);
        try {
            WebDriverWait wait = waitFor();
            parkATally(api, tally, group, wait);
            open(memory);
            signIn();
            driver.findElement(By.id("tab-parked")).click();
            filterParked(tally);
            By row = By.cssSelector("#parked-table tbody tr[data-key='" + group + "']");
            WebElement parked = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
            assertThat(driver.findElement(By.id("parked-note")).isDisplayed()).isFalse();
            assertThat(parked.getText()).contains(group, TallyPipeline.FOLD, "poison tally entry", tally);
            List<WebElement> cells = parked.findElements(By.tagName("td"));
            String eventId = cells.get(3).getText();
            assertThat(eventId).isNotBlank().isNotEqualTo("–");
            assertThat(cells.get(4).getText()).isEqualTo("3"); // the quick retries of ParkedAdminMemoryModeTest.Tally
            screenshot("parked-memory-mode");

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
            screenshot("parked-canary-failed");

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
        try (ConfigurableApplicationContext redis = start(List.of(ParkedAdminMemoryModeTest.Tally.class), // the tally pipeline
                "foldwork.dispatch=redis",
                "foldwork.redis.queue=starter-ops-tally-" + UUID.randomUUID().toString().substring(0, 8),
                "foldwork.redis.max-attempts=3", "foldwork.redis.backoff-base=50ms", "foldwork.redis.backoff-cap=200ms")) {
            ApiClient api = new ApiClient(baseUrl(redis));
            String tally = "ops-tally-" + UUID.randomUUID().toString().substring(0, 8);
            String group = "tenant_a:fold:tally:tally:" + tally;
            WebDriverWait wait = waitFor();
            parkATally(api, tally, group, wait);
            open(redis);
            signIn();
            driver.findElement(By.id("tab-parked")).click();
            filterParked(tally);
            By row = By.cssSelector("#parked-table tbody tr[data-key='" + group + "']");
            WebElement parked = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
            assertThat(parked.getText()).contains(group, "poison tally entry");
            assertThat(parked.findElements(By.tagName("td")).get(4).getText()).isEqualTo("3"); // foldwork.redis.max-attempts
            screenshot("parked-redis-mode");

            // the fix is deployed; Retry on the row runs the fold job again: the poison event and the one behind it apply
            TallyPipeline.CURED.set(true);
            By retry = By.cssSelector("#parked-table tbody tr[data-key='" + group + "'] button.row-retry");
            wait.until(ExpectedConditions.elementToBeClickable(retry)).click();
            seeTheRowGoAndTheTallyCatchUp(api, tally, row, wait, "parked-redis-mode");
        } finally {
            TallyPipeline.CURED.set(false);
        }
    }

    @Test
    void theOverviewListsATenantThatSentCommands() {
        ApiClient api = new ApiClient(baseUrl(memory));
        String trace = "ops-trace-" + UUID.randomUUID().toString().substring(0, 8);
        for (int s = 0; s < 5; s++) {
            ApiClient.Response sent = api.command(Spans.KEY_A, "trace", "record_span", Spans.span(trace, "s" + s, 1000, 1500));
            assertThat(sent.status()).as(sent.body()).isBetween(200, 299);
        }
        open(memory);
        signIn();
        By row = By.cssSelector("#overview-table tbody tr[data-tenant='tenant_a'][data-pipeline='trace']");
        WebElement tenantRow = waitFor().until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(tenantRow.getText()).contains("trace", "tenant_a");
        assertThat(driver.findElement(By.id("mode")).getText()).containsIgnoringCase("memory");
        // a second sample (5 s later), so the chart draws its lines
        waitFor().until(d -> ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "var line = document.querySelector('#overview-chart polyline.rate');"
                        + " return line !== null && line.getAttribute('points').split(' ').length >= 2;").equals(Boolean.TRUE));
        screenshot("overview");

        // the trace's stream and fold states on the aggregate page
        driver.findElement(By.id("tab-aggregate")).click();
        driver.findElement(By.id("aggregate-tenant")).sendKeys("tenant_a");
        driver.findElement(By.id("aggregate-pipeline")).sendKeys("trace");
        driver.findElement(By.id("aggregate-id")).sendKeys(trace);
        driver.findElement(By.id("aggregate-submit")).click();
        waitFor().until(d -> d.findElements(By.cssSelector("#aggregate-events tbody tr")).size() == 5);
        assertThat(driver.findElement(By.cssSelector("#aggregate-events tbody tr[data-seq]")).getText()).contains("s0");
        assertThat(driver.findElements(By.cssSelector("#aggregate-folds tbody tr[data-fold]"))).isNotEmpty();
        assertThat(driver.findElement(By.id("aggregate-title")).getText()).contains(trace);
        screenshot("aggregate");
    }

    @Test
    void startsARebuildFromThePageAndSeesItDone() {
        ApiClient api = new ApiClient(baseUrl(memory));
        String trace = "ops-rebuild-" + UUID.randomUUID().toString().substring(0, 8);
        for (int s = 0; s < 4; s++) {
            api.command(Spans.KEY_A, "trace", "record_span", Spans.span(trace, "s" + s, 1000, 1500));
        }
        open(memory);
        signIn();
        driver.findElement(By.id("tab-rebuilds")).click();
        driver.findElement(By.id("rebuild-projection")).sendKeys("trace_summary");
        driver.findElement(By.id("rebuild-tenant")).sendKeys("tenant_a");
        driver.findElement(By.id("rebuild-aggregate")).sendKeys(trace);
        driver.findElement(By.id("rebuild-start")).click();

        By done = By.cssSelector("#rebuilds-table tbody tr[data-status='done'] .progress-bar[aria-valuenow='100']");
        WebElement bar = waitFor().until(ExpectedConditions.visibilityOfElementLocated(done));
        WebElement row = bar.findElement(By.xpath("./ancestor::tr"));
        assertThat(row.getText()).contains("trace_summary", "tenant_a", trace, "done", "4 / 4");
        String id = row.getAttribute("data-id");
        assertThat(api.get("/api/v1/admin/rebuilds/" + id, Spans.ADMIN_KEY).json().path("eventsDone").asLong()).isEqualTo(4);

        // a refused rebuild shows the problem's title and detail
        driver.findElement(By.id("rebuild-projection")).clear();
        driver.findElement(By.id("rebuild-projection")).sendKeys("no_such_fold");
        driver.findElement(By.id("rebuild-start")).click();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message-detail"), "no_such_fold"));
        assertThat(driver.findElement(By.id("message-title")).getText()).isEqualTo("not found");
        screenshot("rebuilds");
    }

    @Test
    void parkedGroupsAreSkippedAndDeadLettersRetriedAndDiscardedInTheRedisMode() {
        try (ConfigurableApplicationContext redis = start("foldwork.dispatch=redis",
                "foldwork.redis.queue=starter-ops-console-" + UUID.randomUUID().toString().substring(0, 8))) {
            RedisDispatcher dispatcher = redis.getBean(RedisDispatcher.class);
            String tenant = "ops" + UUID.randomUUID().toString().substring(0, 8);
            TenantId id = TenantId.of(tenant);
            dispatcher.queue().stage(List.of(
                    new StagedJob(StagedJob.Mode.IN_GROUP, tenant + ":fold:trace:trace:t-1", "{broken", 0, ""),
                    StagedJob.dead(id, "map:span_storage:", emptyMapJob(tenant), "the store was down"),
                    StagedJob.dead(id, "map:span_storage:", emptyMapJob(tenant), "the store was down"),
                    StagedJob.dead(id, "map:span_storage:", "{broken", "another cause"))).join();

            open(redis);
            signIn();
            WebDriverWait wait = waitFor();

            driver.findElement(By.id("tab-parked")).click();
            filter("parked", tenant, "");
            wait.until(d -> rows(d, "parked-table") == 1); // the broken job parks its group
            screenshot("parked");
            driver.findElement(By.id("parked-select-all")).click();
            driver.findElement(By.id("parked-skip")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(d -> rows(d, "parked-table") == 0);
            assertThat(driver.findElement(By.id("message-detail")).getText()).startsWith("1 of 1");

            driver.findElement(By.id("tab-dead-letters")).click();
            filter("dead", tenant, "store was down");
            wait.until(d -> rows(d, "dead-table") == 2);
            driver.findElement(By.id("dead-select-all")).click();
            assertThat(driver.findElement(By.id("dead-count")).getText()).contains("2 selected");
            screenshot("dead-letters");
            driver.findElement(By.id("dead-retry")).click();
            wait.until(d -> rows(d, "dead-table") == 0); // they ran through

            filter("dead", tenant, "");
            wait.until(d -> rows(d, "dead-table") == 2); // "another cause" and the skipped head job
            assertThat(driver.findElement(By.id("dead-table")).getText()).contains("another cause", "skipped by an operator");
            driver.findElement(By.id("dead-select-all")).click();
            driver.findElement(By.id("dead-discard")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(d -> rows(d, "dead-table") == 0);
            assertThat(driver.findElement(By.id("message-title")).getText()).contains("Discarded");
            assertThat(new ApiClient(baseUrl(redis)).get("/api/v1/admin/dead-letters?tenant=" + tenant, Spans.ADMIN_KEY)
                    .json().path("items")).isEmpty();
        }
    }

    /** The service on a free port; the properties go in as command-line arguments, ahead of application.yml. */
    private static ConfigurableApplicationContext start(String... properties) {
        return start(List.of(), properties);
    }

    /** As {@link #start(String...)}, with more configuration classes (test beans) besides the application's. */
    private static ConfigurableApplicationContext start(List<Class<?>> configurations, String... properties) {
        List<String> args = new ArrayList<>(List.of("server.port=0", "foldwork.store=memory",
                "foldwork.api-keys[0].tenant=tenant_a",
                "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
                "foldwork.admin-keys[0].sha256=" + Spans.ADMIN_KEY_SHA256));
        args.addAll(List.of(properties));
        List<Class<?>> sources = new ArrayList<>(List.of(FoldworkApplication.class));
        sources.addAll(configurations);
        return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(args.stream().map(a -> "--" + a).toArray(String[]::new));
    }

    private static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** {@code /ops} of the service, signed out: a fresh session with no key kept. */
    private static void open(ConfigurableApplicationContext context) {
        driver.get(baseUrl(context) + "/ops");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.get(baseUrl(context) + "/ops");
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-key")));
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
        screenshot(screenshots + "-retried");
        wait.until(d -> tallyEntries(api, tally) == 3);

        driver.findElement(By.id("tab-aggregate")).click();
        driver.findElement(By.id("aggregate-tenant")).sendKeys("tenant_a");
        driver.findElement(By.id("aggregate-pipeline")).sendKeys(TallyPipeline.NAME);
        driver.findElement(By.id("aggregate-id")).sendKeys(tally);
        driver.findElement(By.id("aggregate-submit")).click();
        By fold = By.cssSelector("#aggregate-folds tbody tr[data-fold='" + TallyPipeline.FOLD + "']");
        String state = wait.until(ExpectedConditions.visibilityOfElementLocated(fold)).getText();
        assertThat(state).contains("\"entries\": 3", "\"lastMemo\": \"after\"");
        screenshot(screenshots + "-caught-up");
    }

    private static void signIn() {
        driver.findElement(By.id("login-key")).clear();
        driver.findElement(By.id("login-key")).sendKeys(Spans.ADMIN_KEY);
        driver.findElement(By.id("login-submit")).click();
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("console")));
    }

    private static void filter(String list, String tenant, String error) {
        for (String field : List.of("tenant", "error")) {
            driver.findElement(By.id(list + "-" + field)).clear();
        }
        driver.findElement(By.id(list + "-tenant")).sendKeys(tenant);
        driver.findElement(By.id(list + "-error")).sendKeys(error);
        driver.findElement(By.id(list + "-load")).click();
    }

    /** Filters the Parked tab by tenant_a and the group (aggregate id) fragment. */
    private static void filterParked(String group) {
        driver.findElement(By.id("parked-group")).clear();
        driver.findElement(By.id("parked-group")).sendKeys(group);
        filter("parked", "tenant_a", "");
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

    private static int rows(WebDriver d, String table) {
        return d.findElements(By.cssSelector("#" + table + " tbody tr")).size();
    }

    private static WebDriverWait waitFor() {
        return new WebDriverWait(driver, PATIENCE);
    }

    private static void screenshot(String name) {
        try {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("could not save the screenshot " + name, e);
        }
    }

    /** A map job that decodes and runs through: no events to apply. */
    private static String emptyMapJob(String tenant) {
        return "{\"kind\": \"map\", \"tenant\": \"" + tenant + "\", \"map\": \"span_storage\", \"events\": []}";
    }
}
