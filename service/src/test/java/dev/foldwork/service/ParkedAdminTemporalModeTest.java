package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.trace.TraceUpdateSink;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Parked aggregates over the admin API in the Temporal mode, on the embedded test server (which
 * has no visibility queries, so the open fold workflows are listed and asked for their view):
 * a fold workflow parks at a poison event; the operator lists it, skips it through the workflow's
 * update (a wrong event id is refused with the workflow's message), or retries it after the fix.
 * The overview counts the parked fold workflow in its pipeline's and tenant's row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=temporal", "foldwork.store=memory", "foldwork.temporal.embedded=true",
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
    "foldwork.admin-keys[0].sha256=" + Spans.ADMIN_KEY_SHA256,
})
class ParkedAdminTemporalModeTest extends ParkedAdminContract {
    @TestConfiguration
    static class Tally {
        @Bean
        @Primary
        PipelineRegistry tallyPipelineRegistry(TraceUpdateSink updates) {
            return TallyPipeline.with(Pipelines.registry(Pipelines.Settings.defaults(), updates));
        }
    }

    @DynamicPropertySource
    static void temporalPort(DynamicPropertyRegistry registry) {
        int port = FreePort.find();
        registry.add("foldwork.temporal.target", () -> "127.0.0.1:" + port);
    }

    @Test
    void listedAndSkippedThroughTheWorkflowsUpdate() {
        aParkedAggregateIsListedAndSkippedAndItsFoldGoesOn();
        JsonNode page = parked("tenant=tenant_a");
        assertThat(page.path("examined").asInt()).as(page.toString()).isPositive();
        assertThat(page.path("complete").asBoolean()).isTrue();
    }

    @Test
    void retriedAfterTheFix() {
        aRetryAfterTheFixCatchesTheFoldUp();
    }

    @Test
    void theOverviewCountsAParkedFoldWorkflowInItsPipelinesAndTenantsRow() {
        String tally = uniqueId("overview");
        String eventId = parkAtPoison(tally).path("eventId").asText();
        await().atMost(WAIT).until(this::tallyRowParked, parked -> parked == 1L);

        ApiClient.Response skipped = post("/api/v1/admin/parked/skip",
                "{\"groups\": [\"" + group(tally) + "\"], \"eventId\": \"" + eventId + "\"}");
        assertThat(skipped.status()).as(skipped.body()).isEqualTo(200);
        awaitCount(tally, 2);
        await().atMost(WAIT).until(this::tallyRowParked, parked -> parked == 0L);
    }

    /** The overview's parked count in the row of pipeline tally and tenant_a; -1 while there is no such row. */
    private long tallyRowParked() {
        ApiClient.Response overview = api().get("/api/v1/admin/overview", Spans.ADMIN_KEY);
        assertThat(overview.status()).as(overview.body()).isEqualTo(200);
        for (JsonNode row : overview.json().path("rows")) {
            if (row.path("pipeline").asText().equals(TallyPipeline.NAME) && row.path("tenant").asText().equals("tenant_a")) {
                return row.path("parked").asLong();
            }
        }
        return -1;
    }

    @Test
    void aWorkflowThatIsNotParkedRefusesWithItsMessage() {
        String tally = uniqueId("healthy");
        count(tally, "fine");
        awaitCount(tally, 1);
        ApiClient.Response refused = post("/api/v1/admin/parked/retry", "{\"groups\": [\"" + group(tally) + "\"]}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asText()).contains("is not parked");
    }
}
