package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The all-in-one service over ClickHouse, killed with SIGKILL right after it accepted 1,000
 * commands, loses nothing: started again, within 60 s every fold reflects every accepted event,
 * in each dispatch mode the all-in-one process runs (whatever was queued in memory, in the
 * embedded Temporal server or in flight died with the process; catch-up fills it from the store).
 */
class AllInOneKillTest {
    private static final Duration START = Duration.ofSeconds(90);
    private static final int TRACES = 100;
    private static final int SPANS = 10;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "temporal", "redis"})
    void everyAcceptedEventIsProjectedAfterAKillAndARestart(String dispatch) throws Exception {
        String clickhouse = System.getenv().getOrDefault("FOLDWORK_CLICKHOUSE_URL", "http://127.0.0.1:8123");
        int port = FreePort.find();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String[] args = {
            "--foldwork.role=all", "--foldwork.dispatch=" + dispatch, "--foldwork.store=clickhouse",
            "--server.port=" + port,
            "--foldwork.temporal.target=127.0.0.1:" + FreePort.find(),
            "--foldwork.redis.queue=kill-" + run,
            "--foldwork.clickhouse.url=" + clickhouse, "--foldwork.clickhouse.database=kill_" + dispatch + "_" + run.replace('-', '_'),
            "--foldwork.clickhouse.compress-responses=false", "--foldwork.clickhouse.flush-interval=20ms",
            "--foldwork.catch-up.interval=2s", "--foldwork.catch-up.settle=1s",
            "--foldwork.api-keys[0].tenant=tenant_a",
            "--foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
        };
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        List<String> traces = new ArrayList<>();
        for (int t = 0; t < TRACES; t++) {
            traces.add("kill-" + run + "-" + t);
        }

        try (JavaProcess first = JavaProcess.start("kill-" + dispatch + "-first", FoldworkApplication.class.getName(), args)
                .awaitPort(port, START)) {
            sendAll(api, traces);
        } // SIGKILL right after the last 202

        try (JavaProcess second = JavaProcess.start("kill-" + dispatch + "-second", FoldworkApplication.class.getName(), args)
                .awaitPort(port, START)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> traces.stream().allMatch(trace -> spanCount(api, trace) == SPANS));
            for (String trace : traces) { // first: a span stored twice would also be billed twice
                assertThat(api.get("/api/v1/pipelines/trace/aggregates/" + trace + "/events", Spans.KEY_A).json()
                        .findValues("seq")).as("events stored for " + trace).hasSize(SPANS);
            }
            String month = YearMonth.now(ZoneOffset.UTC).toString();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> billedSpans(api, month) >= (long) TRACES * SPANS);
            assertThat(billedSpans(api, month)).as("billing counts each span once").isEqualTo((long) TRACES * SPANS);
        }
    }

    private static void sendAll(ApiClient api, List<String> traces) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int span = 0; span < SPANS; span++) {
                for (String trace : traces) {
                    String body = Spans.span(trace, "s" + span, 1_000 + span, 1_500 + span);
                    sent.add(clients.submit(() -> api.command(Spans.KEY_A, "trace", "record_span", body).status()));
                }
            }
            for (Future<Integer> status : sent) {
                assertThat(status.get()).isEqualTo(202);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static long spanCount(ApiClient api, String trace) {
        ApiClient.Response response = api.get("/api/v1/pipelines/trace/aggregates/" + trace + "/projections/trace_summary",
                Spans.KEY_A);
        return response.status() == 200 ? response.json().path("state").path("spanCount").asLong() : -1;
    }

    private static long billedSpans(ApiClient api, String month) {
        ApiClient.Response response = api.get("/api/v1/global/billing_meter/" + month, Spans.KEY_A);
        return response.status() == 200 ? response.json().path("state").path("byCategory").path("spans").asLong() : -1;
    }
}
