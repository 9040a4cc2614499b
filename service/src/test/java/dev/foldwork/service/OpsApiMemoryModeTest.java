package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.pipelines.trace.SpanRecorded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The operators' overview and aggregate pages in the memory mode, fed by span commands sent over
 * HTTP: the tenant's row counts them and its lag drains to 0; an aggregate's events come a page at
 * a time with its fold's state; tenant keys and bad parameters are refused with problems.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=memory", "foldwork.store=memory",
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
    "foldwork.admin-keys[0].sha256=" + Spans.ADMIN_KEY_SHA256,
})
class OpsApiMemoryModeTest {
    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void theOverviewCountsATenantsEventsAndItsLagDrains() {
        sendSpans(3);
        JsonNode row = await().atMost(Duration.ofSeconds(30)).until(() -> traceRow(overview()),
                r -> r != null && r.path("foldLag").path("eventsBehind").asLong() == 0);
        assertThat(row.path("eventsLastMinute").asLong()).as(row.toString()).isGreaterThanOrEqualTo(3);
        assertThat(row.path("eventsLastHour").asLong()).isGreaterThanOrEqualTo(row.path("eventsLastMinute").asLong());
        assertThat(row.path("foldLag").path("oldestLagAgeMs").asLong()).isZero();
        assertThat(row.path("parked").asLong()).isZero();
        assertThat(row.path("deadLetters").asLong()).isZero();

        JsonNode overview = overview();
        assertThat(overview.path("mode").asText()).isEqualTo("memory");
        assertThat(Instant.parse(overview.path("generatedAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(overview.has("redis")).isTrue();
        assertThat(overview.path("redis").isNull()).isTrue();
        assertThat(overview.path("temporal").isNull()).isTrue();
    }

    @Test
    void theOverviewNeedsAnAdminKey() {
        ApiClient.Response tenant = api.get("/api/v1/admin/overview", Spans.KEY_A);
        assertThat(tenant.status()).as(tenant.body()).isIn(401, 403);
        assertThat(tenant.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/admin/overview", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/admin/aggregates/tenant_a/trace/x", Spans.KEY_A).status()).isIn(401, 403);
    }

    @Test
    void anAggregatesEventsArePagedBySeqWithItsFoldsState() {
        String trace = sendSpans(5);
        String path = "/api/v1/admin/aggregates/tenant_a/trace/" + trace;
        JsonNode folded = await().atMost(Duration.ofSeconds(30)).until(() -> get(path + "?limit=2"),
                page -> summary(page).path("checkpoint").asLong() == 5);
        assertThat(summary(folded).path("state").path("spanCount").asLong()).isEqualTo(5);
        assertThat(folded.path("tenant").asText()).isEqualTo("tenant_a");
        assertThat(folded.path("pipeline").asText()).isEqualTo("trace");
        assertThat(folded.path("aggregateType").asText()).isEqualTo("trace");
        assertThat(folded.path("aggregateId").asText()).isEqualTo(trace);
        assertThat(folded.path("temporal").isNull()).isTrue();
        assertThat(folded.path("redis").isNull()).isTrue();

        JsonNode first = folded.path("events");
        assertThat(seqs(first)).containsExactly(1L, 2L);
        JsonNode event = first.path("items").get(0);
        assertThat(event.path("type").asText()).isEqualTo(SpanRecorded.TYPE);
        assertThat(event.path("id").asText()).isNotEmpty();
        assertThat(event.path("payload").path("traceId").asText()).isEqualTo(trace);
        assertThat(first.path("nextCursor").asText()).isEqualTo("3");
        JsonNode second = get(path + "?limit=2&cursor=3").path("events");
        assertThat(seqs(second)).containsExactly(3L, 4L);
        JsonNode last = get(path + "?limit=2&cursor=" + second.path("nextCursor").asText()).path("events");
        assertThat(seqs(last)).containsExactly(5L);
        assertThat(last.path("nextCursor").isNull()).isTrue();

        JsonNode unknown = get("/api/v1/admin/aggregates/tenant_a/trace/no-such-trace");
        assertThat(unknown.path("events").path("items")).isEmpty();
        assertThat(summary(unknown).path("state").isNull()).isTrue();
        assertThat(summary(unknown).path("checkpoint").isNull()).isTrue();
    }

    @Test
    void anAggregatePageRefusesAnUnknownPipelineAndBadParameters() {
        assertProblem(api.get("/api/v1/admin/aggregates/tenant_a/no_such_pipeline/t1", Spans.ADMIN_KEY), 404, "no_such_pipeline");
        assertProblem(api.get("/api/v1/admin/aggregates/tenant_a/trace/t1?limit=0", Spans.ADMIN_KEY), 400, "limit");
        assertProblem(api.get("/api/v1/admin/aggregates/tenant_a/trace/t1?limit=501", Spans.ADMIN_KEY), 400, "limit");
        assertProblem(api.get("/api/v1/admin/aggregates/tenant_a/trace/t1?cursor=abc", Spans.ADMIN_KEY), 400, "cursor");
        assertProblem(api.get("/api/v1/admin/aggregates/tenant_a/trace/t1?cursor=0", Spans.ADMIN_KEY), 400, "cursor");
    }

    private String sendSpans(int count) {
        String trace = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        for (int s = 0; s < count; s++) {
            ApiClient.Response sent = api.command(Spans.KEY_A, "trace", "record_span", Spans.span(trace, "s" + s, 1000, 1500));
            assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        }
        return trace;
    }

    private JsonNode overview() {
        return get("/api/v1/admin/overview");
    }

    private JsonNode get(String path) {
        ApiClient.Response response = api.get(path, Spans.ADMIN_KEY);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static JsonNode traceRow(JsonNode overview) {
        for (JsonNode row : overview.path("rows")) {
            if (row.path("pipeline").asText().equals("trace") && row.path("tenant").asText().equals("tenant_a")) {
                return row;
            }
        }
        return null;
    }

    private static JsonNode summary(JsonNode aggregate) {
        for (JsonNode fold : aggregate.path("folds")) {
            if (fold.path("fold").asText().equals("trace_summary")) {
                return fold;
            }
        }
        throw new AssertionError("no trace_summary fold in " + aggregate);
    }

    private static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.path("items").forEach(item -> seqs.add(item.path("seq").asLong()));
        return seqs;
    }

    private static void assertProblem(ApiClient.Response response, int status, String detailMentions) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asText()).contains(detailMentions);
    }
}
