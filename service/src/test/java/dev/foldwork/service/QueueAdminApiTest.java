package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.redis.dispatch.RedisDispatcher;
import dev.foldwork.redis.groupqueue.StagedJob;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Dead letters and parked groups over the admin API in the Redis mode: listed with filters and
 * pages, retried with a canary that refuses to go on when it fails again or goes on when it
 * completes, retried in bulk, discarded, skipped and unparked. Jobs whose bodies do not decode
 * fail permanently, so they land there at once; jobs with no events run through.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=redis", "foldwork.store=memory", "foldwork.redis.queue=starter-queue-admin-test",
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
    "foldwork.admin-keys[0].sha256=" + Spans.ADMIN_KEY_SHA256,
})
class QueueAdminApiTest {
    private static final String JSON = "application/json";

    @LocalServerPort
    int port;

    @Autowired
    RedisDispatcher dispatcher;

    @Autowired
    RedisClient redisClient;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void deadLettersArePagedFilteredRetriedWithACanaryAndDiscarded() {
        String tenant = "ops" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            stage(StagedJob.ownGroup(TenantId.of(tenant), "map:span_storage:", "{broken " + i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters("tenant=" + tenant).path("items").size() == 3);

        JsonNode first = deadLetters("tenant=" + tenant + "&limit=2");
        assertThat(first.path("items")).hasSize(2);
        assertThat(first.path("items").get(0).path("error").asText()).contains("malformed job body");
        JsonNode rest = deadLetters("tenant=" + tenant + "&limit=2&cursor=" + first.path("nextCursor").asText());
        assertThat(rest.path("items")).hasSize(1);
        assertThat(deadLetters("tenant=" + tenant + "&error=no-such-error").path("items")).isEmpty();

        String filter = "{\"filter\": {\"tenant\": \"" + tenant + "\"}";
        ApiClient.Response canary = api.post("/api/v1/admin/dead-letters/retry", Spans.ADMIN_KEY, JSON,
                filter + ", \"canary\": true, \"canaryTimeoutSeconds\": 20}");
        assertThat(canary.status()).as(canary.body()).isEqualTo(409);
        assertThat(canary.contentType()).startsWith("application/problem+json");
        assertThat(canary.body()).contains("failed again");
        // the canary went back to the dead letters; the other two were never touched
        assertThat(deadLetters("tenant=" + tenant).path("items")).hasSize(3);

        ApiClient.Response discarded = api.post("/api/v1/admin/dead-letters/discard", Spans.ADMIN_KEY, JSON, filter + "}");
        assertThat(discarded.json().path("discarded").asInt()).as(discarded.body()).isEqualTo(3);
        assertThat(deadLetters("tenant=" + tenant).path("items")).isEmpty();
    }

    @Test
    void parkedGroupsAreListedAndSkipped() {
        String tenant = "ops" + UUID.randomUUID().toString().substring(0, 8);
        String group = tenant + ":fold:trace:trace:t-1";
        stage(new StagedJob(StagedJob.Mode.IN_GROUP, group, "{broken", 0, ""));
        await().atMost(Duration.ofSeconds(30)).until(() -> parked("tenant=" + tenant).path("items").size() == 1);
        assertThat(parked("tenant=" + tenant + "&kind=fold").path("items").get(0).path("group").asText()).isEqualTo(group);

        ApiClient.Response skipped = api.post("/api/v1/admin/parked/skip", Spans.ADMIN_KEY, JSON,
                "{\"groups\": [\"" + group + "\"]}");
        assertThat(skipped.json().path("skipped").asInt()).as(skipped.body()).isEqualTo(1);
        assertThat(parked("tenant=" + tenant).path("items")).isEmpty();
        assertThat(deadLetters("tenant=" + tenant).path("items").get(0).path("error").asText()).contains("skipped by an operator");
    }

    @Test
    void aCanaryRedriveThatCompletesRetriesEveryDeadLetterTheFilterMatches() {
        String tenant = "ops" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            stage(StagedJob.dead(TenantId.of(tenant), "map:span_storage:", emptyMapJob(tenant), "the store was down"));
        }
        stage(StagedJob.dead(TenantId.of(tenant), "map:other_map:", "{broken", "the store was down"));
        List<String> groups = groups(deadLetters("tenant=" + tenant + "&projection=span_storage"));
        assertThat(groups).hasSize(3);

        ApiClient.Response retried = api.post("/api/v1/admin/dead-letters/retry", Spans.ADMIN_KEY, JSON,
                "{\"filter\": {\"tenant\": \"" + tenant + "\", \"projection\": \"span_storage\"}, "
                        + "\"canary\": true, \"canaryTimeoutSeconds\": 20}");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().path("retried").asInt()).isEqualTo(3);
        assertThat(retried.json().path("canary").path("outcome").asText()).isEqualTo("completed");

        // each ran through: out of its group and not back among the dead letters
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.stream().allMatch(this::groupIsEmpty));
        assertThat(deadLetters("tenant=" + tenant + "&projection=span_storage").path("items")).isEmpty();
        assertThat(groups(deadLetters("tenant=" + tenant))).as("the filter left the other map's dead letter")
                .hasSize(1).allMatch(group -> group.startsWith(tenant + ":map:other_map:"));
    }

    @Test
    void aBulkRetryByFilterRunsEveryMatch() {
        String tenant = "ops" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 2; i++) {
            stage(StagedJob.dead(TenantId.of(tenant), "map:span_storage:", emptyMapJob(tenant), "the store was down"));
        }
        stage(StagedJob.dead(TenantId.of(tenant), "map:span_storage:", "{broken", "another cause"));
        List<String> groups = groups(deadLetters("tenant=" + tenant + "&error=store+was+down"));

        ApiClient.Response retried = api.post("/api/v1/admin/dead-letters/retry", Spans.ADMIN_KEY, JSON,
                "{\"filter\": {\"tenant\": \"" + tenant + "\", \"kind\": \"map\", \"error\": \"store was down\"}}");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().path("retried").asInt()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(30)).until(() -> groups.stream().allMatch(this::groupIsEmpty));
        JsonNode left = deadLetters("tenant=" + tenant).path("items");
        assertThat(left).hasSize(1);
        assertThat(left.get(0).path("error").asText()).isEqualTo("another cause");
    }

    @Test
    void parkedGroupsArePagedAndUnparkedOneThenInBulk() {
        String tenant = "ops" + UUID.randomUUID().toString().substring(0, 8);
        List<String> groups = List.of(tenant + ":fold:trace:trace:t-1", tenant + ":fold:trace:trace:t-2",
                tenant + ":fold:trace:trace:t-3");
        for (String group : groups) {
            stage(new StagedJob(StagedJob.Mode.IN_GROUP, group, "{broken", 0, ""));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> parked("tenant=" + tenant + "&pipeline=trace").path("items").size() == 3);
        assertThat(parked("tenant=" + tenant + "&pipeline=billing").path("items")).isEmpty();

        JsonNode first = parked("tenant=" + tenant + "&limit=2");
        assertThat(first.path("items")).hasSize(2);
        JsonNode rest = parked("tenant=" + tenant + "&limit=2&cursor=" + first.path("nextCursor").asText());
        assertThat(rest.path("items")).hasSize(1);
        assertThat(rest.hasNonNull("nextCursor")).isFalse();
        assertThat(concat(groups(first), groups(rest))).containsExactlyElementsOf(groups); // by name, each once

        // the operator fixes the cause: here the failed head jobs' bodies, which now decode
        try (var connection = redisClient.connect()) {
            for (JsonNode parked : parked("tenant=" + tenant).path("items")) {
                connection.sync().hset(dispatcher.queue().keys().prefix() + "jobs", parked.path("jobId").asText(),
                        emptyFoldJob(tenant, parked.path("group").asText()));
            }
        }

        ApiClient.Response one = api.post("/api/v1/admin/parked/retry", Spans.ADMIN_KEY, JSON,
                "{\"groups\": [\"" + groups.get(0) + "\"]}");
        assertThat(one.json().path("retried").asInt()).as(one.body()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> groupIsEmpty(groups.get(0)));
        assertThat(groups(parked("tenant=" + tenant))).containsExactlyElementsOf(groups.subList(1, 3));

        ApiClient.Response bulk = api.post("/api/v1/admin/parked/retry", Spans.ADMIN_KEY, JSON,
                "{\"filter\": {\"tenant\": \"" + tenant + "\", \"pipeline\": \"trace\"}}");
        assertThat(bulk.json().path("retried").asInt()).as(bulk.body()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.stream().allMatch(this::groupIsEmpty));
        assertThat(parked("tenant=" + tenant).path("items")).isEmpty();
        assertThat(deadLetters("tenant=" + tenant).path("items")).isEmpty();
    }

    @Test
    void aTenantsPipelineIsPausedItsStagedJobsPagedAndResumed() {
        String tenant = "ops" + UUID.randomUUID().toString().substring(0, 8);
        String group = tenant + ":fold:trace:trace:t-1";
        String body = "{\"tenant\": \"" + tenant + "\", \"pipeline\": \"trace\"}";
        ApiClient.Response paused = api.post("/api/v1/admin/queue/pause", Spans.ADMIN_KEY, JSON, body);
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().path("paused").toString()).contains(tenant + ":fold:trace:", tenant + ":map:span_storage:");
        assertThat(api.get("/api/v1/admin/queue/paused", Spans.ADMIN_KEY).json().path("scopes").toString())
                .contains("\"tenant\":\"" + tenant + "\"");

        stage(new StagedJob(StagedJob.Mode.IN_GROUP, group, "{broken 1", 0, ""));
        stage(new StagedJob(StagedJob.Mode.IN_GROUP, group, "{broken 2", 0, ""));
        JsonNode first = api.get("/api/v1/admin/groups/" + group + "/jobs?limit=1", Spans.ADMIN_KEY).json();
        assertThat(first.path("items").get(0).path("body").asText()).isEqualTo("{broken 1");
        JsonNode second = api.get("/api/v1/admin/groups/" + group + "/jobs?limit=1&cursor=" + first.path("nextCursor").asText(),
                Spans.ADMIN_KEY).json();
        assertThat(second.path("items").get(0).path("body").asText()).isEqualTo("{broken 2");
        assertThat(parked("tenant=" + tenant).path("items")).as("nothing ran while paused").isEmpty();

        ApiClient.Response resumed = api.post("/api/v1/admin/queue/resume", Spans.ADMIN_KEY, JSON, body);
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> parked("tenant=" + tenant).path("items").size() == 1);
        assertThat(api.get("/api/v1/admin/queue/paused", Spans.ADMIN_KEY).json().path("scopes").toString()).doesNotContain(tenant);

        ApiClient.Response both = api.post("/api/v1/admin/queue/pause", Spans.ADMIN_KEY, JSON,
                "{\"group\": \"" + group + "\", \"tenant\": \"" + tenant + "\"}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(api.post("/api/v1/admin/queue/pause", Spans.ADMIN_KEY, JSON, "{\"pipeline\": \"nope\"}").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/admin/queue/pause", Spans.ADMIN_KEY, JSON, "{}").status()).isEqualTo(400);
    }

    @Test
    void badRequestsAreNamedAndOnlyAdminsGetIn() {
        assertThat(api.get("/api/v1/admin/dead-letters", Spans.KEY_A).status()).isEqualTo(403);
        ApiClient.Response limit = api.get("/api/v1/admin/dead-letters?limit=100000", Spans.ADMIN_KEY);
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.body()).contains("limit must be 1 to 500");
        ApiClient.Response both = api.post("/api/v1/admin/dead-letters/retry", Spans.ADMIN_KEY, JSON,
                "{\"ids\": [\"1\"], \"filter\": {}}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("exactly one of");
        ApiClient.Response field = api.post("/api/v1/admin/parked/retry", Spans.ADMIN_KEY, JSON, "{\"filter\": {\"reactor\": \"x\"}}");
        assertThat(field.status()).isEqualTo(400);
        assertThat(field.body()).contains("no field \\\"reactor\\\"", "pipeline, projection");
        ApiClient.Response projection = api.post("/api/v1/admin/dead-letters/retry", Spans.ADMIN_KEY, JSON,
                "{\"filter\": {\"projection\": \"span_storage:*\"}}");
        assertThat(projection.status()).isEqualTo(400);
        assertThat(projection.body()).contains("filter.projection may hold only");
        ApiClient.Response pipeline = api.get("/api/v1/admin/parked?pipeline=Trace", Spans.ADMIN_KEY);
        assertThat(pipeline.status()).isEqualTo(400);
        assertThat(pipeline.body()).contains("pipeline may hold only");
    }

    /** A map job that decodes and runs through: no events to apply. */
    private static String emptyMapJob(String tenant) {
        return "{\"kind\": \"map\", \"tenant\": \"" + tenant + "\", \"map\": \"span_storage\", \"events\": []}";
    }

    /** A fold job of {@code <tenant>:fold:trace:trace:<key>} that decodes and runs through: no events to apply. */
    private static String emptyFoldJob(String tenant, String group) {
        String key = group.substring(group.lastIndexOf(':') + 1);
        return "{\"kind\": \"fold\", \"group\": {\"tenantId\": \"" + tenant + "\", \"pipeline\": \"trace\", "
                + "\"aggregateType\": \"trace\", \"aggregateKey\": \"" + key + "\"}, \"events\": []}";
    }

    private boolean groupIsEmpty(String group) {
        ApiClient.Response jobs = api.get("/api/v1/admin/groups/" + group + "/jobs", Spans.ADMIN_KEY);
        assertThat(jobs.status()).as(jobs.body()).isEqualTo(200);
        return jobs.json().path("items").isEmpty();
    }

    private static List<String> groups(JsonNode page) {
        List<String> groups = new ArrayList<>();
        page.path("items").forEach(item -> groups.add(item.path("group").asText()));
        return groups;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private void stage(StagedJob job) {
        dispatcher.queue().stage(List.of(job)).join();
    }

    private JsonNode deadLetters(String query) {
        ApiClient.Response response = api.get("/api/v1/admin/dead-letters?" + query, Spans.ADMIN_KEY);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode parked(String query) {
        ApiClient.Response response = api.get("/api/v1/admin/parked?" + query, Spans.ADMIN_KEY);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
