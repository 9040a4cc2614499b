package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The split deployment on one machine: a standalone Temporal test server, a worker process and a
 * web process, sharing the ClickHouse stores (FOLDWORK_CLICKHOUSE_URL from scripts/test). The web
 * process stores events and signals; only the worker folds; the web process reads the result.
 */
class WebAndWorkerProcessesTest {
    private static final Duration START = Duration.ofSeconds(90);
    private static JavaProcess temporal;
    private static JavaProcess worker;
    private static JavaProcess web;
    private static int webPort;

    @BeforeAll
    static void startThreeProcesses() throws Exception {
        String clickhouse = System.getenv().getOrDefault("FOLDWORK_CLICKHOUSE_URL", "http://127.0.0.1:8123");
        int temporalPort = FreePort.find();
        int workerPort = FreePort.find();
        webPort = FreePort.find();
        temporal = JavaProcess.start("split-temporal", "io.temporal.testserver.TestServer", String.valueOf(temporalPort))
                .awaitPort(temporalPort, START);
        String[] shared = {
            "--foldwork.dispatch=temporal", "--foldwork.store=clickhouse",
            "--foldwork.temporal.embedded=false", "--foldwork.temporal.target=127.0.0.1:" + temporalPort,
            "--foldwork.clickhouse.url=" + clickhouse, "--foldwork.clickhouse.database=starter_split_test",
            "--foldwork.clickhouse.compress-responses=false", "--foldwork.clickhouse.flush-interval=20ms",
            "--foldwork.api-keys[0].tenant=tenant_a",
            "--foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
            "--foldwork.admin-keys[0].sha256=" + Spans.ADMIN_KEY_SHA256,
        };
        worker = JavaProcess.start("split-worker", FoldworkApplication.class.getName(),
                concat(shared, "--foldwork.role=worker", "--server.port=" + workerPort)).awaitPort(workerPort, START);
        web = JavaProcess.start("split-web", FoldworkApplication.class.getName(),
                concat(shared, "--foldwork.role=web", "--server.port=" + webPort)).awaitPort(webPort, START);
    }

    @AfterAll
    static void stopThem() throws Exception {
        for (JavaProcess process : new JavaProcess[] {web, worker, temporal}) {
            if (process != null) {
                process.close();
            }
        }
    }

    @Test
    void theWebProcessTakesCommandsAndTheWorkerProjectsThem() {
        ApiClient api = new ApiClient("http://127.0.0.1:" + webPort);
        String trace = "trace-" + UUID.randomUUID();
        for (int span = 0; span < 5; span++) {
            ApiClient.Response accepted = api.command(Spans.KEY_A, "trace", "record_span", Spans.span(trace, "s" + span, 1000, 1500 + span));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        }
        JsonNode summary = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/v1/pipelines/trace/aggregates/" + trace + "/projections/trace_summary", Spans.KEY_A),
                        r -> r.status() == 200 && r.json().path("state").path("spanCount").asLong() == 5)
                .json();
        assertThat(summary.path("state").path("endTimeMs").asLong()).isEqualTo(1504);
        assertThat(api.get("/actuator/health", Spans.ADMIN_KEY).json().path("components").path("temporalHealth").path("status").asText())
                .isEqualTo("UP");
    }

    private static String[] concat(String[] shared, String... more) {
        String[] all = new String[shared.length + more.length];
        System.arraycopy(shared, 0, all, 0, shared.length);
        System.arraycopy(more, 0, all, shared.length, more.length);
        return all;
    }
}
