package dev.foldwork.starter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** Rebuilds over HTTP in the memory mode, and what the admin API refuses, with problems naming why. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foldwork.dispatch=memory", "foldwork.store=memory"})
class RebuildApiMemoryModeTest extends RebuildOverHttpContract {
    @Test
    void refusesWhatItCannotRebuildWithProblemsNamingWhy() {
        String rebuild = "/api/v1/admin/projections/%s/rebuild";
        assertProblem(api.post(rebuild.formatted("no_such_fold"), Spans.ADMIN_KEY, "application/json", "{\"tenant\": \"tenant_a\"}"),
                404, "no_such_fold");
        assertProblem(api.post(rebuild.formatted("billing_meter"), Spans.ADMIN_KEY, "application/json", "{\"tenant\": \"tenant_a\"}"),
                400, "global fold");
        assertProblem(api.post(rebuild.formatted("trace_summary"), Spans.ADMIN_KEY, "application/json", "{\"tenant\": \"a b\"}"),
                400, "tenantId");
        assertProblem(api.post(rebuild.formatted("trace_summary"), Spans.ADMIN_KEY, "application/json", "{}"), 400, "tenant");
        assertProblem(api.post(rebuild.formatted("trace_summary"), Spans.ADMIN_KEY, "application/json",
                "{\"tenant\": \"tenant_a\", \"aggregateId\": \"x' OR 1=1\"}"), 400, "aggregateId");
        assertProblem(api.get("/api/v1/admin/rebuilds/rebuild-unknown", Spans.ADMIN_KEY), 404, "rebuild-unknown");
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
