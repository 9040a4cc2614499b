package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operators' pages in the Temporal mode, on the embedded test server: the overview counts
 * the open fold workflows (listed, since the test server cannot count them by query), and an
 * aggregate links its fold workflow in the Temporal UI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=temporal", "foldwork.store=memory", "foldwork.temporal.embedded=true",
    "foldwork.admin-keys[0].sha256=" + Spans.ADMIN_KEY_SHA256,
    "foldwork.ops.temporal-ui-url=http://temporal-ui.test:8080/",
})
class OpsApiTemporalModeTest {
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void temporalPort(DynamicPropertyRegistry registry) {
        int port = FreePort.find();
        registry.add("foldwork.temporal.target", () -> "127.0.0.1:" + port);
    }

    @Test
    void theOverviewCountsOpenFoldWorkflowsAndAnAggregateLinksItsWorkflow() {
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        ApiClient.Response overview = api.get("/api/v1/admin/overview", Spans.ADMIN_KEY);
        assertThat(overview.status()).as(overview.body()).isEqualTo(200);
        assertThat(overview.json().path("mode").asText()).isEqualTo("temporal");
        assertThat(overview.json().path("redis").isNull()).isTrue();
        assertThat(overview.json().path("temporal").path("openFoldWorkflows").isIntegralNumber()).as(overview.body()).isTrue();

        ApiClient.Response aggregate = api.get("/api/v1/admin/aggregates/tenant_a/trace/tr:1", Spans.ADMIN_KEY);
        assertThat(aggregate.status()).as(aggregate.body()).isEqualTo(200);
        JsonNode temporal = aggregate.json().path("temporal");
        assertThat(temporal.path("workflowId").asText()).isEqualTo("fold:tenant_a:trace:tr:1");
        assertThat(temporal.path("url").asText())
                .isEqualTo("http://temporal-ui.test:8080/namespaces/default/workflows/fold%3Atenant_a%3Atrace%3Atr%3A1");
        assertThat(aggregate.json().path("redis").isNull()).isTrue();
    }
}
