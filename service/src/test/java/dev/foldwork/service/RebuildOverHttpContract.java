package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.runtime.FoldStep;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.pipelines.trace.TraceSummaryFold;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The admin rebuild API in a dispatch mode: {@code trace_summary} of a tenant rebuilt over HTTP
 * while span commands keep arriving over HTTP at 200 a second; afterwards every trace's summary is
 * the sequential fold of its stored stream, each span counted once. Catch-up runs as in any worker
 * (every second here), the backstop for a live write that lost to the swap. Each mode's test
 * class extends this with its own {@code foldwork.dispatch}.
 */
@TestPropertySource(properties = {
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
    "foldwork.admin-keys[0].sha256=" + Spans.ADMIN_KEY_SHA256,
    "foldwork.catch-up.interval=1s", "foldwork.catch-up.settle=500ms",
})
abstract class RebuildOverHttpContract {
    private static final TenantId TENANT = TenantId.of("tenant_a");
    private static final AggregateType TRACE = AggregateType.of("trace");
    private static final int TRACES = 60;
    private static final int HISTORY_SPANS_PER_TRACE = 40;

    @LocalServerPort
    int port;

    @Autowired
    EventSourcingService service;

    @Autowired
    EventStore events;

    @Autowired
    FoldStore folds;

    @Autowired
    PipelineRegistry registry;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void rebuildsTraceSummaryWhileSpansKeepArrivingAt200PerSecond() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> traces = new ArrayList<>();
        for (int t = 0; t < TRACES; t++) {
            traces.add("trace-" + run + "-" + t);
        }
        // The history, a trace per task: in the Temporal mode each send waits for its workflow's append.
        ExecutorService historians = Executors.newFixedThreadPool(8);
        List<Future<?>> histories = new ArrayList<>();
        for (String trace : traces) {
            histories.add(historians.submit(() -> {
                for (int s = 0; s < HISTORY_SPANS_PER_TRACE; s++) {
                    service.send(new Command(TENANT, "trace", "record_span", Json.parse(Spans.span(trace, "h" + s, 1000 + s, 1500 + s))));
                }
            }));
        }
        for (Future<?> history : histories) {
            history.get();
        }
        historians.shutdown();

        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        List<Integer> refused = new ArrayList<>();
        ExecutorService sender = Executors.newSingleThreadExecutor();
        Future<?> live = sender.submit(() -> {
            long next = System.nanoTime();
            while (sending.get()) {
                long n = sent.getAndIncrement();
                ApiClient.Response accepted = api.command(Spans.KEY_A, "trace", "record_span",
                        Spans.span(traces.get((int) (n % TRACES)), "live" + n, 5000 + n, 5100 + n));
                if (accepted.status() != 202) {
                    synchronized (refused) {
                        refused.add(accepted.status());
                    }
                }
                next += 5_000_000; // 200 a second, on the clock
                LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            }
        });

        ApiClient.Response started = api.post("/api/v1/admin/projections/trace_summary/rebuild", Spans.ADMIN_KEY,
                "application/json", "{\"tenant\": \"tenant_a\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().path("id").asText();
        JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/v1/admin/rebuilds/" + id, Spans.ADMIN_KEY).json(),
                        status -> !status.path("status").asText().equals("running"));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.path("eventsDone").asLong()).isGreaterThanOrEqualTo((long) TRACES * HISTORY_SPANS_PER_TRACE);
        assertThat(done.path("eventsTotal").asLong()).isEqualTo(done.path("eventsDone").asLong());
        assertThat(done.path("eventsPerSecond").asDouble()).isPositive();
        long sentAtTheEnd = sent.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= sentAtTheEnd + 100); // live traffic after the swap
        sending.set(false);
        live.get(30, TimeUnit.SECONDS);
        sender.shutdown();
        assertThat(refused).isEmpty();

        JsonNode listed = api.get("/api/v1/admin/rebuilds", Spans.ADMIN_KEY).json();
        assertThat(listed.findValuesAsText("id")).contains(id);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(tracesNotMatchingTheirStream(traces)).isEmpty());
        long stored = 0;
        for (String trace : traces) {
            List<Event> stream = events.read(TENANT, TRACE, trace);
            stored += stream.size();
            StoredFold summary = folds.get(TENANT, TraceSummaryFold.NAME, trace).orElseThrow();
            assertThat(summary.generation()).isEqualTo(done.path("generation").asInt());
            assertThat(summary.state().path("spanCount").asLong()).as(trace).isEqualTo(stream.size()); // none lost, none doubled
        }
        assertThat(stored).isEqualTo((long) TRACES * HISTORY_SPANS_PER_TRACE + sent.get());
    }

    @Test
    void rebuildsOneAggregateAndCanBeCancelled() {
        String trace = "trace-one-" + UUID.randomUUID().toString().substring(0, 8);
        for (int s = 0; s < 5; s++) {
            service.send(new Command(TENANT, "trace", "record_span", Json.parse(Spans.span(trace, "s" + s, 1000, 1500))));
        }
        ApiClient.Response started = api.post("/api/v1/admin/projections/trace_summary/rebuild", Spans.ADMIN_KEY,
                "application/json", "{\"tenant\": \"tenant_a\", \"aggregateId\": \"" + trace + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().path("id").asText();
        ApiClient.Response cancelled = api.post("/api/v1/admin/rebuilds/" + id + "/cancel", Spans.ADMIN_KEY, "application/json", "");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        JsonNode ended = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/admin/rebuilds/" + id, Spans.ADMIN_KEY).json(),
                        status -> !status.path("status").asText().equals("running"));
        // Cancelled before or after its one page; either way the trace's summary is whole.
        assertThat(ended.path("status").asText()).isIn("done", "cancelled");
        assertThat(ended.path("aggregateId").asText()).isEqualTo(trace);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(tracesNotMatchingTheirStream(List.of(trace))).isEmpty());
    }

    /** billing_meter, a global fold: rebuilt from the log, and its live writer goes on from the rebuilt state. */
    @Test
    void rebuildsAGlobalFoldOverHttp() {
        TenantId tenant = TenantId.of("billed-" + UUID.randomUUID().toString().substring(0, 8));
        for (int s = 0; s < 6; s++) {
            service.send(new Command(tenant, "trace", "record_span", Json.parse(Spans.span("trace-" + s % 2, "s" + s, 1000, 1500))));
        }
        String month = await().atMost(Duration.ofSeconds(30)).until(() -> billingKeys(tenant), keys -> keys.size() == 1).get(0);
        ApiClient.Response started = api.post("/api/v1/admin/projections/billing_meter/rebuild", Spans.ADMIN_KEY,
                "application/json", "{\"tenant\": \"" + tenant.value() + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode ended = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/admin/rebuilds/" + started.json().path("id").asText(), Spans.ADMIN_KEY).json(),
                        status -> !status.path("status").asText().equals("running"));
        assertThat(ended.path("status").asText()).as(ended.toString()).isEqualTo("done");
        assertThat(ended.path("eventsDone").asLong()).isEqualTo(6);
        StoredFold billed = folds.get(tenant, "billing_meter", month).orElseThrow();
        assertThat(billed.generation()).isEqualTo(ended.path("generation").asInt());
        assertThat(billed.state().path("billableEvents").asLong()).as("each span billed once").isEqualTo(6);

        for (int s = 6; s < 10; s++) { // the live writer goes on from the rebuilt state
            service.send(new Command(tenant, "trace", "record_span", Json.parse(Spans.span("trace-" + s % 2, "s" + s, 1000, 1500))));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            StoredFold after = folds.get(tenant, "billing_meter", month).orElseThrow();
            assertThat(after.generation()).isEqualTo(ended.path("generation").asInt());
            assertThat(after.state().path("billableEvents").asLong()).isEqualTo(10);
        });
    }

    private List<String> billingKeys(TenantId tenant) {
        List<String> months = new ArrayList<>();
        for (Event event : events.read(tenant, AggregateType.of("trace"), "trace-0")) {
            String month = YearMonth.from(Instant.ofEpochMilli(event.timestamp()).atZone(ZoneOffset.UTC)).toString();
            if (!months.contains(month) && folds.get(tenant, "billing_meter", month)
                    .map(state -> state.state().path("billableEvents").asLong() == 6).orElse(false)) {
                months.add(month);
            }
        }
        return months;
    }

    private List<String> tracesNotMatchingTheirStream(List<String> traces) {
        FoldProjection<?> summary = registry.fold(TraceSummaryFold.NAME).orElseThrow();
        List<String> wrong = new ArrayList<>();
        for (String trace : traces) {
            List<Event> stream = events.read(TENANT, TRACE, trace);
            StoredFold actual = folds.get(TENANT, TraceSummaryFold.NAME, trace).orElse(null);
            if (actual == null || !sequentialFold(summary, stream).equals(Json.fromNode(actual.state(), summary.stateType()))) {
                wrong.add(trace + (actual == null ? " has no state" : " at generation " + actual.generation() + " version "
                        + actual.version() + " (" + actual.state().path("spanCount") + " spans)") + " of " + stream.size() + " events");
            }
        }
        return wrong;
    }

    /** Compared as the fold's state type: a state read back through Temporal holds small numbers as ints, not longs. */
    private static <S> S sequentialFold(FoldProjection<S> fold, List<Event> stream) {
        return FoldStep.apply(fold, fold.init(), FoldCheckpoint.START, stream).state();
    }
}
