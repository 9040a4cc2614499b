package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * What every dispatch mode must do over HTTP. Each mode's test class extends this with its own
 * {@code foldwork.dispatch} and starts what that mode needs.
 */
@TestPropertySource(properties = {
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
    "foldwork.api-keys[1].tenant=tenant_b",
    "foldwork.api-keys[1].sha256=a30534a53b23547377ddccbd1ac85a8a84c13db43493c16e55a6abc7b0eba634",
})
abstract class HttpApiContract {
    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void aCommandIsAcceptedAndItsProjectionBecomesReadable() {
        String trace = "trace-" + UUID.randomUUID();
        ApiClient.Response accepted = api.command(Spans.KEY_A, "trace", "record_span", Spans.span(trace, "s1", 1000, 1500));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().path("eventIds")).hasSize(1);
        assertThat(accepted.json().path("aggregateIds").get(0).asText()).isEqualTo(trace);
        api.command(Spans.KEY_A, "trace", "record_span", Spans.span(trace, "s2", 1100, 1400).replace("\"chat completion\"", "\"tool call\""));

        String projection = "/api/v1/pipelines/trace/aggregates/" + trace + "/projections/trace_summary";
        JsonNode summary = await().atMost(PROJECTION_WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(projection, Spans.KEY_A),
                        r -> r.status() == 200 && r.json().path("state").path("spanCount").asLong() == 2)
                .json();
        assertThat(summary.path("projection").asText()).isEqualTo("trace_summary");
        assertThat(summary.path("version").asLong()).isEqualTo(2);
        assertThat(summary.path("state").path("inputTokens").asLong()).isEqualTo(240);

        ApiClient.Response events = api.get("/api/v1/pipelines/trace/aggregates/" + trace + "/events", Spans.KEY_A);
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.json()).hasSize(2);
        assertThat(events.json().get(0).path("tenantId").asText()).isEqualTo("tenant_a");

        JsonNode spans = await().atMost(PROJECTION_WAIT)
                .until(() -> api.get("/api/v1/pipelines/trace/aggregates/" + trace + "/projections/span_storage", Spans.KEY_A),
                        r -> r.status() == 200 && r.json().path("records").size() == 2)
                .json();
        assertThat(spans.path("records").get(0).path("eventId").asText()).isNotEmpty();
    }

    @Test
    void anotherTenantsAggregateLooksLikeOneThatDoesNotExist() {
        String trace = "trace-" + UUID.randomUUID();
        assertThat(api.command(Spans.KEY_A, "trace", "record_span", Spans.span(trace, "s1", 1000, 1500)).status()).isEqualTo(202);
        String projection = "/api/v1/pipelines/trace/aggregates/" + trace + "/projections/trace_summary";
        await().atMost(PROJECTION_WAIT).until(() -> api.get(projection, Spans.KEY_A).status() == 200);

        ApiClient.Response other = api.get(projection, Spans.KEY_B);
        ApiClient.Response missing = api.get("/api/v1/pipelines/trace/aggregates/no-such-trace/projections/trace_summary", Spans.KEY_B);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body().replace(trace, "X")).isEqualTo(missing.body().replace("no-such-trace", "X"));
        assertThat(api.get("/api/v1/pipelines/trace/aggregates/" + trace + "/events", Spans.KEY_B).status()).isEqualTo(404);
    }
}
