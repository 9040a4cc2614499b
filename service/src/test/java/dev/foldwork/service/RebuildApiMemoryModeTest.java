package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.pipelines.trace.SpanStorageMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Rebuilds over HTTP in the memory mode, and what the admin API refuses, with problems naming why. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foldwork.dispatch=memory", "foldwork.store=memory"})
class RebuildApiMemoryModeTest extends RebuildOverHttpContract {
    @Autowired
    AppendStore mapRecords;

    @Test
    void refusesWhatItCannotRebuildWithProblemsNamingWhy() {
        String rebuild = "/api/v1/admin/projections/%s/rebuild";
        assertProblem(api.post(rebuild.formatted("no_such_fold"), Spans.ADMIN_KEY, "application/json", "{\"tenant\": \"tenant_a\"}"),
                404, "no_such_fold");
        assertProblem(api.post(rebuild.formatted("trace_summary"), Spans.ADMIN_KEY, "application/json", "{\"tenant\": \"a b\"}"),
                400, "tenantId");
        assertProblem(api.post(rebuild.formatted("trace_summary"), Spans.ADMIN_KEY, "application/json", "{}"), 400, "tenant");
        assertProblem(api.post(rebuild.formatted("trace_summary"), Spans.ADMIN_KEY, "application/json",
                "{\"tenant\": \"tenant_a\", \"aggregateId\": \"x' OR 1=1\"}"), 400, "aggregateId");
        assertProblem(api.get("/api/v1/admin/rebuilds/rebuild-unknown", Spans.ADMIN_KEY), 404, "rebuild-unknown");
    }

    @Test
    void rebuildsAMapOverHttp() {
        String trace = "trace-map-" + UUID.randomUUID().toString().substring(0, 8);
        for (int s = 0; s < 5; s++) {
            service.send(new Command(TenantId.of("tenant_a"), "trace", "record_span",
                    Json.parse(Spans.span(trace, "s" + s, 1000, 1500))));
        }
        ApiClient.Response started = api.post("/api/v1/admin/projections/span_storage/rebuild", Spans.ADMIN_KEY,
                "application/json", "{\"tenant\": \"tenant_a\", \"aggregateId\": \"" + trace + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode ended = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/admin/rebuilds/" + started.json().path("id").asText(), Spans.ADMIN_KEY).json(),
                        status -> !status.path("status").asText().equals("running"));
        assertThat(ended.path("status").asText()).as(ended.toString()).isEqualTo("done");
        assertThat(ended.path("projection").asText()).isEqualTo(SpanStorageMap.NAME);
        assertThat(ended.path("eventsDone").asLong()).isEqualTo(5);
        assertThat(mapRecords.read(TenantId.of("tenant_a"), SpanStorageMap.NAME, trace)).hasSize(5);
    }

    /** Two rebuilds, newest first, a page of one each; a cursor that names no rebuild is refused. */
    @Test
    void listsRebuildsAPageAtATime() {
        List<String> started = new ArrayList<>();
        for (String projection : List.of("span_storage", "trace_summary")) {
            ApiClient.Response response = api.post("/api/v1/admin/projections/" + projection + "/rebuild", Spans.ADMIN_KEY,
                    "application/json", "{\"tenant\": \"tenant_a\", \"aggregateId\": \"trace-paged\"}");
            assertThat(response.status()).as(response.body()).isEqualTo(202);
            started.add(response.json().path("id").asText());
        }
        JsonNode first = api.get("/api/v1/admin/rebuilds?limit=1", Spans.ADMIN_KEY).json();
        assertThat(first.path("items").findValuesAsText("id")).containsExactly(started.get(1));
        JsonNode second = api.get("/api/v1/admin/rebuilds?limit=1&cursor=" + first.path("nextCursor").asText(), Spans.ADMIN_KEY).json();
        assertThat(second.path("items").findValuesAsText("id")).containsExactly(started.get(0));
        assertProblem(api.get("/api/v1/admin/rebuilds?cursor=rebuild-unknown", Spans.ADMIN_KEY), 400, "rebuild-unknown");
        assertProblem(api.get("/api/v1/admin/rebuilds?limit=0", Spans.ADMIN_KEY), 400, "limit");
    }

    @Test
    void needsAnAdminKey() {
        String path = "/api/v1/admin/projections/trace_summary/rebuild";
        assertProblem(api.post(path, Spans.KEY_A, "application/json", "{\"tenant\": \"tenant_a\"}"), 403, "");
        assertProblem(api.post(path, null, "application/json", "{\"tenant\": \"tenant_a\"}"), 401, "");
        assertProblem(api.get("/api/v1/admin/rebuilds", Spans.KEY_A), 403, "");
        assertProblem(api.get("/api/v1/admin/rebuilds", null), 401, "");
    }

    private static void assertProblem(ApiClient.Response response, int status, String detailMentions) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asText()).contains(detailMentions);
    }
}
