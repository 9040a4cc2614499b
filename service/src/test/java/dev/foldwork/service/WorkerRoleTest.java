package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** A worker process serves health and metrics, and no command or query API. */
// Tests turn metric export off unless asked; the Prometheus endpoint is part of what a worker serves.
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.role=worker", "foldwork.dispatch=redis", "foldwork.store=memory", "foldwork.redis.queue=starter-worker-role-test",
})
@TestPropertySource(properties = {
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
    "foldwork.admin-keys[0].sha256=" + Spans.ADMIN_KEY_SHA256,
})
class WorkerRoleTest {
    @LocalServerPort
    int port;

    @Test
    void servesHealthAndMetricsButNoCommands() {
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        ApiClient.Response health = api.get("/actuator/health", Spans.ADMIN_KEY);
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().path("components").path("redisHealth").path("status").asText()).isEqualTo("UP");
        assertThat(api.get("/actuator/prometheus", null).body()).contains("foldwork_groupqueue");

        ApiClient.Response command = api.command(Spans.KEY_A, "trace", "record_span", Spans.span("t-1", "s-1", 1, 2));
        assertThat(command.status()).isEqualTo(404);
    }
}
