package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Prometheus shows commands accepted and rejected, events stored, dispatch latency, fold lag and queue depth. */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foldwork.dispatch=memory", "foldwork.store=memory"})
@TestPropertySource(properties = {
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
})
class MetricsTest {
    @LocalServerPort
    int port;

    @Test
    void prometheusShowsTheCommandAndProjectionMetrics() {
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        assertThat(api.command(Spans.KEY_A, "trace", "record_span", Spans.span("m-1", "s-1", 1, 2)).status()).isEqualTo(202);
        assertThat(api.command(Spans.KEY_A, "trace", "record_span", "{}").status()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/pipelines/trace/aggregates/m-1/projections/trace_summary", Spans.KEY_A).status() == 200);

        String metrics = api.get("/actuator/prometheus", null).body();
        assertThat(metrics)
                .contains("foldwork_commands_seconds_count{outcome=\"accepted\",pipeline=\"trace\"} 1")
                .contains("foldwork_commands_seconds_count{outcome=\"rejected\",pipeline=\"trace\"} 1")
                .contains("foldwork_events_stored_total 1.0")
                .contains("foldwork_dispatch_latency_seconds_count{outcome=\"accepted\"} 1")
                .contains("foldwork_fold_lag_seconds_count")
                .contains("foldwork_dispatch_pending");
    }

    @Test
    void namesFromRequestsNeverBecomeTags() {
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        for (int i = 0; i < 50; i++) {
            assertThat(api.command(Spans.KEY_A, "nope" + i, "record_span", "{}").status()).isEqualTo(404);
            api.request("GET", "/api/v1/pipelines/p" + i + "/aggregates/a" + i + "/events", null, "X-Api-Key", Spans.KEY_A);
            api.request("GET", "/no/such/path/" + i, null, "X-Api-Key", Spans.KEY_A);
        }
        String metrics = api.get("/actuator/prometheus", null).body();
        assertThat(metrics).doesNotContain("nope", "p17", "a17", "/no/such/path");
        assertThat(metrics).contains("foldwork_commands_seconds_count{outcome=\"rejected\",pipeline=\"unknown\"} 50");
    }
}
