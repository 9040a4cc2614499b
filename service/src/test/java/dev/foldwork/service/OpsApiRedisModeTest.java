package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.redis.dispatch.RedisDispatcher;
import dev.foldwork.redis.groupqueue.StagedJob;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The operators' overview and aggregate pages in the Redis mode: the queue's block is there, a
 * parked fold group and then, once skipped, its dead letter count in their pipeline's row, and an
 * aggregate names its Redis group.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=redis", "foldwork.store=memory", "foldwork.redis.queue=starter-ops-overview-test",
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
    "foldwork.admin-keys[0].sha256=" + Spans.ADMIN_KEY_SHA256,
})
class OpsApiRedisModeTest {
    @LocalServerPort
    int port;

    @Autowired
    RedisDispatcher dispatcher;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void theOverviewShowsTheQueueAndTheRowsParkedGroupsAndDeadLetters() {
        String trace = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.command(Spans.KEY_A, "trace", "record_span", Spans.span(trace, "s1", 1000, 1500)).status()).isEqualTo(202);
        JsonNode row = await().atMost(Duration.ofSeconds(30)).until(() -> OpsApiMemoryModeTest.traceRow(overview()),
                r -> r != null && r.path("foldLag").path("eventsBehind").asLong() == 0);
        long parkedBefore = row.path("parked").asLong();
        long deadBefore = row.path("deadLetters").asLong();

        JsonNode overview = overview();
        assertThat(overview.path("mode").asText()).isEqualTo("redis");
        assertThat(overview.path("redis").path("depth").isIntegralNumber()).as(overview.toString()).isTrue();
        assertThat(overview.path("redis").path("oldestReadyAgeMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(overview.path("temporal").isNull()).isTrue();

        // a fold group of the row whose head job cannot run: parked, then skipped to the dead letters
        String group = "tenant_a:fold:trace:trace:broken-" + UUID.randomUUID().toString().substring(0, 8);
        dispatcher.queue().stage(List.of(new StagedJob(StagedJob.Mode.IN_GROUP, group, "{broken", 0, ""))).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> OpsApiMemoryModeTest.traceRow(overview()).path("parked").asLong()
                == parkedBefore + 1);
        assertThat(dispatcher.admin().skipParked(group)).isTrue();
        JsonNode after = OpsApiMemoryModeTest.traceRow(overview());
        assertThat(after.path("parked").asLong()).as(after.toString()).isEqualTo(parkedBefore);
        assertThat(after.path("deadLetters").asLong()).isEqualTo(deadBefore + 1);
        dispatcher.admin().deadLetters().stream().filter(dead -> dead.group().equals(group))
                .forEach(dead -> dispatcher.admin().discardDeadLetter(dead.id()));

        JsonNode aggregate = get("/api/v1/admin/aggregates/tenant_a/trace/" + trace);
        assertThat(aggregate.path("redis").path("group").asText()).isEqualTo("tenant_a:fold:trace:trace:" + trace);
        assertThat(aggregate.path("temporal").isNull()).isTrue();
        assertThat(aggregate.path("events").path("items")).hasSize(1);
    }

    private JsonNode overview() {
        return get("/api/v1/admin/overview");
    }

    private JsonNode get(String path) {
        ApiClient.Response response = api.get(path, Spans.ADMIN_KEY);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
