package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * GET /api/v1/pipelines/trace/aggregates with each store's index: traces sent over OTLP/JSON are
 * listed newest first with their summary fields, filtered, paged by cursor, per tenant; bad
 * parameters are 400 problems naming the parameter. The users are new each run, so a store
 * that keeps earlier runs' traces answers the same.
 */
@TestPropertySource(properties = {
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
    "foldwork.api-keys[1].tenant=tenant_b",
    "foldwork.api-keys[1].sha256=a30534a53b23547377ddccbd1ac85a8a84c13db43493c16e55a6abc7b0eba634",
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TraceIndexHttpContract {
    private static final String LIST = "/api/v1/pipelines/trace/aggregates";
    private static final long T0_SECONDS = 1_794_268_800L;

    @LocalServerPort
    int port;

    private ApiClient api;
    private final String ann = "ann-" + UUID.randomUUID().toString().substring(0, 8);
    private final String bob = "bob-" + UUID.randomUUID().toString().substring(0, 8);
    private String first;
    private String second;
    private String third;

    @BeforeAll
    void sendTraces() {
        api = new ApiClient("http://127.0.0.1:" + port);
        first = send(Spans.KEY_A, 0, ann, "th-1", "prod", "gpt-4o", false, 0.5);
        second = send(Spans.KEY_A, 10, bob, "th-1", "dev", "claude-sonnet-4-5", true, 0.01);
        third = send(Spans.KEY_A, 20, ann, "th-2", "prod", "gpt-4o-mini", false, 2.0);
        send(Spans.KEY_B, 30, ann, "th-1", "prod", "gpt-4o", false, 0.5);
        await().atMost(Duration.ofSeconds(30)).until(() -> ids("?userId=" + ann).size() == 2
                && ids("?userId=" + bob).size() == 1
                && list(Spans.KEY_B, "?userId=" + ann).path("items").size() == 1);
    }

    @Test
    void listsTheTenantsTracesNewestFirstWithTheirSummaries() {
        JsonNode page = list(Spans.KEY_A, "?userId=" + ann);
        JsonNode newest = page.path("items").get(0);
        assertThat(newest.path("traceId").asText()).isEqualTo(third);
        assertThat(newest.path("name").asText()).isEqualTo("agent.run");
        assertThat(newest.path("spanCount").asLong()).isEqualTo(1);
        assertThat(newest.path("totalCost").asDouble()).isEqualTo(2.0);
        assertThat(newest.path("labels").get(0).asText()).isEqualTo("prod");
        assertThat(newest.has("sample")).isFalse();
        assertThat(ids("?userId=" + ann)).containsExactly(third, first);
        assertThat(page.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void filtersBySummaryFields() {
        String from = "?from=" + (T0_SECONDS + 5) * 1000 + "&to=" + (T0_SECONDS + 15) * 1000;
        assertThat(ids(from + "&userId=" + bob)).containsExactly(second);
        assertThat(ids(from + "&userId=" + ann)).isEmpty();
        assertThat(ids("?from=2026-11-10T00:00:05Z&to=2026-11-10T00:00:25Z&userId=" + ann)).containsExactly(third);
        assertThat(ids("?threadId=th-1&userId=" + ann)).containsExactly(first);
        assertThat(ids("?label=prod&userId=" + ann)).containsExactly(third, first);
        assertThat(ids("?model=gpt-4o&userId=" + ann)).containsExactly(first);
        assertThat(ids("?hasError=true&userId=" + bob)).containsExactly(second);
        assertThat(ids("?hasError=false&userId=" + ann)).containsExactly(third, first);
        assertThat(ids("?minCost=1&userId=" + ann)).containsExactly(third);
    }

    @Test
    void pagesWithTheNextCursor() {
        JsonNode page = list(Spans.KEY_A, "?userId=" + ann + "&limit=1");
        assertThat(page.path("items").get(0).path("traceId").asText()).isEqualTo(third);
        JsonNode next = list(Spans.KEY_A, "?userId=" + ann + "&limit=1&cursor=" + page.path("nextCursor").asText());
        assertThat(next.path("items").get(0).path("traceId").asText()).isEqualTo(first);
        assertThat(next.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void anotherTenantSeesOnlyItsOwn() {
        JsonNode page = list(Spans.KEY_B, "?userId=" + ann);
        assertThat(page.path("items")).hasSize(1);
        assertThat(page.path("items").get(0).path("traceId").asText()).isNotIn(first, second, third);
        assertThat(api.get(LIST, null).status()).isEqualTo(401);
    }

    @Test
    void badParametersAreProblemsNamingThem() {
        assertProblem("?from=yesterday", "from");
        assertProblem("?to=12:00", "to");
        assertProblem("?limit=0", "limit");
        assertProblem("?limit=501", "limit");
        assertProblem("?limit=ten", "limit");
        assertProblem("?hasError=yes", "hasError");
        assertProblem("?minCost=-1", "minCost");
        assertProblem("?minCost=abc", "minCost");
        assertProblem("?cursor=not-a-cursor", "cursor");
    }

    private void assertProblem(String query, String field) {
        ApiClient.Response response = api.get(LIST + query, Spans.KEY_A);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asText()).startsWith(field + " ");
    }

    /** One root span over OTLP/JSON, starting {@code offsetSeconds} after T0; returns its trace id. */
    private String send(String key, int offsetSeconds, String user, String thread, String label, String model,
                        boolean error, double cost) {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        long startNanos = (T0_SECONDS + offsetSeconds) * 1_000_000_000L;
        String body = """
                {"resourceSpans":[{"scopeSpans":[{"spans":[
                  {"traceId":"%s","spanId":"1111111111111111","name":"agent.run","kind":1,
                   "startTimeUnixNano":"%d","endTimeUnixNano":"%d",
                   "attributes":[{"key":"user.id","value":{"stringValue":"%s"}},
                                 {"key":"session.id","value":{"stringValue":"%s"}},
                                 {"key":"tags","value":{"arrayValue":{"values":[{"stringValue":"%s"}]}}},
                                 {"key":"gen_ai.request.model","value":{"stringValue":"%s"}},
                                 {"key":"gen_ai.usage.cost","value":{"doubleValue":%s}}],
                   "status":{"code":%d}}]}]}]}
                """.formatted(traceId, startNanos, startNanos + 1_000_000_000L, user, thread, label, model, cost,
                error ? 2 : 0);
        ApiClient.Response sent = api.post("/v1/traces", key, "application/json", body);
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        return traceId;
    }

    private List<String> ids(String query) {
        List<String> ids = new ArrayList<>();
        list(Spans.KEY_A, query).path("items").forEach(item -> ids.add(item.path("traceId").asText()));
        return ids;
    }

    private JsonNode list(String key, String query) {
        ApiClient.Response response = api.get(LIST + query, key);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
