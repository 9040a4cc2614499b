package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.dispatch.memory.MemoryDispatcherOptions;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.trace.TraceUpdateSink;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Parked aggregates over the admin API in the memory mode: a fold that fails on a poison event
 * parks its aggregate after its (here quick) retries; the operator lists, skips or retries it, and
 * a canary retry over a filter refuses to go on while the fold still fails and retries all once
 * it is fixed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=memory", "foldwork.store=memory",
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
    "foldwork.admin-keys[0].sha256=" + Spans.ADMIN_KEY_SHA256,
})
class ParkedAdminMemoryModeTest extends ParkedAdminContract {
    @TestConfiguration
    static class Tally {
        @Bean
        @Primary
        PipelineRegistry tallyPipelineRegistry(TraceUpdateSink updates) {
            return TallyPipeline.with(Pipelines.registry(Pipelines.Settings.defaults(), updates));
        }

        @Bean
        MemoryDispatcherOptions memoryDispatcherOptions() {
            RetryPolicy quick = new RetryPolicy(3, Duration.ofMillis(5), 2.0, Duration.ofMillis(50));
            return MemoryDispatcherOptions.defaults().withRetries(quick, quick, quick);
        }
    }

    @Test
    void listedAndSkipped() {
        aParkedAggregateIsListedAndSkippedAndItsFoldGoesOn();
        JsonNode item = parked("tenant=tenant_a").path("items");
        assertThat(item.toString()).doesNotContain("\"workflowId\"");
    }

    @Test
    void retriedAfterTheFix() {
        aRetryAfterTheFixCatchesTheFoldUp();
    }

    @Test
    void aCanaryRetryOverAFilterWaitsForTheFixThenRetriesTheRest() {
        String prefix = uniqueId("canary");
        List<String> tallies = List.of(prefix + "-1", prefix + "-2");
        for (String tally : tallies) {
            parkAtPoison(tally);
        }
        JsonNode first = parked("tenant=tenant_a&group=" + prefix + "&limit=1");
        assertThat(groups(first)).containsExactly(group(tallies.get(0)));
        JsonNode rest = parked("tenant=tenant_a&group=" + prefix + "&limit=1&cursor=" + first.path("nextCursor").asText());
        assertThat(groups(rest)).containsExactly(group(tallies.get(1)));
        assertThat(rest.path("nextCursor").isMissingNode() || rest.path("nextCursor").isNull()).isTrue();
        assertThat(rest.path("items").get(0).path("attempts").asInt()).isEqualTo(3);

        String filter = "{\"filter\": {\"tenant\": \"tenant_a\", \"pipeline\": \"tally\", \"group\": \"" + prefix + "\"}, "
                + "\"canary\": true, \"canaryTimeoutSeconds\": 20}";
        ApiClient.Response failed = post("/api/v1/admin/parked/retry", filter);
        assertThat(failed.status()).as(failed.body()).isEqualTo(409);
        assertThat(failed.contentType()).startsWith("application/problem+json");
        assertThat(failed.body()).contains("failed again", group(tallies.get(0)));
        // the canary parked again; the other was never touched
        assertThat(groups(parked("tenant=tenant_a&group=" + prefix))).containsExactlyElementsOf(tallies.stream().map(ParkedAdminContract::group).toList());

        TallyPipeline.CURED.set(true);
        ApiClient.Response retried = post("/api/v1/admin/parked/retry", filter);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().path("retried").asInt()).isEqualTo(2);
        assertThat(retried.json().path("canary").path("outcome").asText()).isEqualTo("completed");
        assertThat(retried.json().path("canary").path("item").asText()).contains(group(tallies.get(0)));
        for (String tally : tallies) {
            awaitCount(tally, 3);
        }
        assertThat(parked("tenant=tenant_a&group=" + prefix).path("items")).isEmpty();
    }

    @Test
    void namedGroupsThatAreNotParkedAreLeftOutAndBadGroupsRefused() {
        ApiClient.Response none = post("/api/v1/admin/parked/retry", "{\"groups\": [\"tenant_a:fold:tally:tally:nothing-here\"]}");
        assertThat(none.status()).as(none.body()).isEqualTo(200);
        assertThat(none.json().path("retried").asInt()).isZero();
        ApiClient.Response notAFold = post("/api/v1/admin/parked/skip", "{\"groups\": [\"tenant_a:map:x:1\"]}");
        assertThat(notAFold.status()).as(notAFold.body()).isEqualTo(400);
        ApiClient.Response eventIdWithFilter = post("/api/v1/admin/parked/skip", "{\"filter\": {}, \"eventId\": \"e\"}");
        assertThat(eventIdWithFilter.status()).as(eventIdWithFilter.body()).isEqualTo(400);
    }
}
