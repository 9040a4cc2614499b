package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.trace.TraceSummary;
import dev.foldwork.pipelines.trace.TraceSummaryFold;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Three web processes and two workers over ClickHouse take 20 traces' spans at once, through all
 * three webs (how many spans: see below); one web and one worker are SIGKILLed mid-stream and
 * started again. Afterwards every trace's seqs are exactly 1..n, every accepted span is stored, every trace_summary equals a
 * sequential fold of its stream, and billing counts each stored span once.
 */
class FleetKillTest {
    private static final int TRACES = 20;
    private static final int CLIENTS = 96;
    private static final String[] WEBS = {"web-0", "web-1", "web-2"};
    private static final TypeReference<List<Event>> EVENTS = new TypeReference<>() {};

    /**
     * The suite sends 20 x 200 in Redis mode and 20 x 60 in Temporal mode; {@code scripts/bench soak}
     * (system property {@code foldwork.soak}) sends 20 x 500 in both. The Temporal run is smaller in
     * the suite for time alone: Temporal's test server never hands a killed worker's sticky tasks
     * to another worker (a real cluster does after 5 s), so the fleet's workers run without sticky
     * execution and replay a run's history on every task, and the 10,000 commands take 11 to 16
     * minutes on two cores.
     */
    @ParameterizedTest
    @CsvSource({"redis, 200, 500", "temporal, 60, 500"})
    void streamsFoldsAndBillingStayExactThroughAKilledWebAndWorker(String mode, int suiteSpans, int soakSpans) throws Exception {
        int spansPerTrace = Boolean.getBoolean("foldwork.soak") ? soakSpans : suiteSpans;
        int killAfter = TRACES * spansPerTrace / 3;
        long began = System.nanoTime();
        try (Fleet fleet = new Fleet(mode)) {
            for (String web : WEBS) {
                fleet.start(web, "web");
            }
            fleet.start("worker-0", "worker");
            fleet.start("worker-1", "worker");
            fleet.awaitAll();
            long started = System.nanoTime();

            String run = UUID.randomUUID().toString().substring(0, 8);
            List<String> traces = new ArrayList<>();
            for (int t = 0; t < TRACES; t++) {
                traces.add("fleet-" + run + "-" + t);
            }
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            AtomicInteger sentOk = new AtomicInteger();
            CompletableFuture<Void> kills = new CompletableFuture<>();
            List<ApiClient> webs = List.of(new ApiClient(fleet.url(WEBS[0])), new ApiClient(fleet.url(WEBS[1])),
                    new ApiClient(fleet.url(WEBS[2])));
            // Many clients: each web's appends batch what arrives together, so throughput grows with them.
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> sent = new ArrayList<>();
                for (int span = 0; span < spansPerTrace; span++) {
                    for (int t = 0; t < TRACES; t++) {
                        int n = span * TRACES + t;
                        String trace = traces.get(t);
                        String spanId = "s" + span;
                        sent.add(clients.submit(() -> {
                            send(webs, n, Spans.span(trace, spanId, 1_000 + n, 1_500 + n));
                            accepted.add(trace + "/" + spanId);
                            if (sentOk.incrementAndGet() == killAfter) {
                                CompletableFuture.runAsync(() -> killAndRestart(fleet)).whenComplete((ok, e) -> complete(kills, e));
                            }
                            return null;
                        }));
                    }
                }
                for (Future<?> f : sent) {
                    f.get();
                }
            } finally {
                clients.shutdownNow();
            }
            kills.get();
            long sentAll = System.nanoTime();

            ApiClient api = webs.get(0);
            long stored = 0;
            for (String trace : traces) {
                List<Event> stream = events(api, trace);
                assertThat(stream).as(trace + " seqs").extracting(Event::seq)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, stream.size()).boxed().toList());
                Set<String> spanIds = new HashSet<>(stream.stream().map(e -> trace + "/" + e.data().path("spanId").asText()).toList());
                assertThat(spanIds).as(trace + " holds every accepted span")
                        .containsAll(accepted.stream().filter(s -> s.startsWith(trace + "/")).toList());
                TraceSummary expected = sequentialFold(stream);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(summary(api, trace)).as(trace + " trace_summary").contains(expected));
                stored += stream.size();
            }
            assertThat(stored).isGreaterThanOrEqualTo((long) TRACES * spansPerTrace);
            String month = YearMonth.now(ZoneOffset.UTC).toString();
            long spans = stored;
            // billing_meter is one fold group for all spans: on a loaded 2-core machine it drains at ~30 events/s
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(billedSpans(api, month)).as("billing counts each stored span once").isEqualTo(spans));
            System.out.printf("MEASURED fleet %s: start %.0f s, %d commands (%d stored) in %.0f s, converged %.0f s later%n", mode,
                    (started - began) / 1e9, TRACES * spansPerTrace, stored, (sentAll - started) / 1e9, (System.nanoTime() - sentAll) / 1e9);
        }
    }

    /** Sends through the n-th web; a web that is down (or died mid-request) passes it to the next. */
    private static void send(List<ApiClient> webs, int n, String body) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            ApiClient web = webs.get((n + attempt) % webs.size());
            try {
                ApiClient.Response response = web.command(Spans.KEY_A, "trace", "record_span", body);
                if (response.status() == 202) {
                    return;
                }
                assertThat(attempt).as("status " + response.status() + ": " + response.body()).isLessThan(30);
            } catch (IllegalStateException down) {
                assertThat(attempt).as("no web took the command: " + down).isLessThan(30);
            }
            Thread.sleep(50); // a web is restarting; give the others a moment
        }
    }

    /** SIGKILLs web-0 and worker-0 at once, mid-stream, and starts both again. */
    private static void killAndRestart(Fleet fleet) {
        CompletableFuture<Void> web = CompletableFuture.runAsync(() -> restart(fleet, WEBS[0]));
        restart(fleet, "worker-0");
        web.join();
    }

    private static void restart(Fleet fleet, String name) {
        try {
            fleet.killAndRestart(name);
        } catch (Exception e) {
            throw new IllegalStateException("restarting " + name + " failed", e);
        }
    }

    private static void complete(CompletableFuture<Void> done, Throwable error) {
        if (error == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(error);
        }
    }

    private static List<Event> events(ApiClient api, String trace) throws Exception {
        ApiClient.Response response = api.get("/api/v1/pipelines/trace/aggregates/" + trace + "/events", Spans.KEY_A);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Json.mapper().readValue(response.body(), EVENTS);
    }

    private static TraceSummary sequentialFold(List<Event> stream) {
        TraceSummaryFold fold = new TraceSummaryFold();
        TraceSummary state = fold.init();
        for (Event event : stream) {
            state = fold.apply(state, event);
        }
        return state;
    }

    private static Optional<TraceSummary> summary(ApiClient api, String trace) {
        ApiClient.Response response = api.get("/api/v1/pipelines/trace/aggregates/" + trace + "/projections/trace_summary",
                Spans.KEY_A);
        return response.status() == 200 ? Optional.of(Json.fromNode(response.json().path("state"), TraceSummary.class))
                : Optional.empty();
    }

    private static long billedSpans(ApiClient api, String month) {
        ApiClient.Response response = api.get("/api/v1/global/billing_meter/" + month, Spans.KEY_A);
        return response.status() == 200 ? response.json().path("state").path("byCategory").path("spans").asLong() : -1;
    }
}
