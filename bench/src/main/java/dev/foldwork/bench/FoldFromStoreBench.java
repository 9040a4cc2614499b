package dev.foldwork.bench;

import dev.foldwork.clickhouse.ClickHouseDatabase;
import dev.foldwork.clickhouse.ClickHouseEventStore;
import dev.foldwork.clickhouse.ClickHouseFoldStore;
import dev.foldwork.clickhouse.ClickHouseSettings;
import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.rebuild.RebuildRequest;
import dev.foldwork.core.runtime.rebuild.RebuildStatus;
import dev.foldwork.core.runtime.rebuild.Rebuilds;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.trace.RecordedTraceUpdates;
import dev.foldwork.pipelines.trace.SpanKind;
import dev.foldwork.pipelines.trace.SpanRecorded;
import dev.foldwork.pipelines.trace.SpanStatus;
import dev.foldwork.pipelines.trace.TracePipeline;
import dev.foldwork.pipelines.trace.TraceSummaryFold;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * The rebuild half of the recovery benchmark, through the rebuild path the admin API runs
 * ({@link Rebuilds}): 200,000 spans of one tenant over 2,000 traces stored in ClickHouse, then
 * {@code trace_summary} rebuilt for that tenant from the store into the ClickHouse fold store
 * (pages of the tenant's events in one query each, folded in memory, states written in batches).
 * No live writer runs here, so the drain after the swap is zero. A second rebuild, once
 * {@code OPTIMIZE FINAL} merged the freshly inserted parts as older history would be, is printed
 * but is not the result.
 */
final class FoldFromStoreBench {
    static final int SPANS = 200_000;
    static final int TRACES = 2_000;
    static final TenantId TRACE_TENANT = TenantId.of("rebuild");
    static final AggregateType TRACE = AggregateType.of(TracePipeline.NAME);

    private FoldFromStoreBench() {}

    /** Returns events rebuilt per second, as the rebuild's own record measured them. */
    static double run(ClickHouseDatabase database) throws Exception {
        PipelineRegistry registry = Pipelines.registry(Pipelines.Settings.defaults(), new RecordedTraceUpdates());
        try (ClickHouseEventStore events = new ClickHouseEventStore(database);
                ClickHouseFoldStore folds = new ClickHouseFoldStore(database);
                Rebuilds rebuilds = new Rebuilds(registry, events, folds, new MemoryAppendStore(), noLiveWriters(), Duration.ZERO,
                        System::currentTimeMillis)) {
            RecoveryBench.append(events, TRACE_TENANT, spans());
            System.out.printf("recovery: stored %d spans over %d traces for tenant %s%n", SPANS, TRACES, TRACE_TENANT);
            rebuild(rebuilds, folds, "trace-00000"); // warm up the JIT on one trace
            awaitNoMerges(database.settings()); // history at rest: the bulk insert's own merges are not the rebuild's cost

            System.out.printf("recovery: the event log has %s active parts%n", activeParts(database.settings()));
            double rate = rebuild(rebuilds, folds, null);
            // Not part of the result: the same rebuild once the inserts' parts are merged, as older history would be.
            sql(database.settings(), "OPTIMIZE TABLE " + database.settings().database() + ".event_log FINAL");
            System.out.printf("recovery: after OPTIMIZE FINAL the event log has %s active parts%n", activeParts(database.settings()));
            rebuild(rebuilds, folds, null);
            return rate;
        }
    }

    /** Rebuilds trace_summary of the tenant (or of one trace), checks every state, returns events per second. */
    static double rebuild(Rebuilds rebuilds, ClickHouseFoldStore folds, String oneTrace) {
        RebuildStatus started = rebuilds.start(new RebuildRequest(TRACE_TENANT, TraceSummaryFold.NAME, oneTrace));
        RebuildStatus done = started;
        while (done.state() == RebuildStatus.State.RUNNING) {
            LockSupport.parkNanos(1_000_000);
            done = rebuilds.get(started.id()).orElseThrow();
        }
        if (done.state() != RebuildStatus.State.DONE) {
            throw new IllegalStateException("the rebuild ended " + done.state() + ": " + done.error());
        }
        long expected = oneTrace == null ? SPANS : SPANS / TRACES;
        if (done.eventsDone() != expected) {
            throw new IllegalStateException("the rebuild folded " + done.eventsDone() + " events, expected " + expected);
        }
        List<String> traces = new ArrayList<>();
        for (int t = 0; t < TRACES; t++) {
            traces.add(String.format("trace-%05d", t));
        }
        Map<String, Long> versions = folds.versions(TRACE_TENANT, TraceSummaryFold.NAME, oneTrace == null ? traces : List.of(oneTrace));
        versions.forEach((trace, version) -> {
            if (version != SPANS / TRACES) {
                throw new IllegalStateException(trace + " was rebuilt to version " + version + ", expected " + SPANS / TRACES);
            }
        });
        if (versions.size() != (oneTrace == null ? TRACES : 1)) {
            throw new IllegalStateException("the rebuild stored " + versions.size() + " traces");
        }
        double seconds = (done.finishedAtMs() - done.startedAtMs()) / 1e3;
        if (oneTrace == null) {
            System.out.printf("recovery: rebuilt trace_summary of %d traces (%d spans) from the store in %.2f s, %.0f events/s%n",
                    TRACES, done.eventsDone(), seconds, done.eventsPerSecond());
        }
        return done.eventsPerSecond();
    }

    /** Nothing is written while the bench rebuilds, so the final pass finds nothing to hint; it must not try. */
    private static EventDispatcher noLiveWriters() {
        return events -> {
            throw new IllegalStateException("the rebuild hinted " + events.size() + " events although nothing was written");
        };
    }

    /** Waits (up to a minute) until ClickHouse runs no merge of the event log. */
    static void awaitNoMerges(ClickHouseSettings settings) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!sql(settings, "SELECT count() FROM system.merges WHERE table = 'event_log' AND database = '"
                + settings.database() + "'").trim().equals("0")) {
            if (System.nanoTime() > deadline) {
                System.out.println("recovery: merges of the event log still running after a minute; measuring anyway");
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    static String activeParts(ClickHouseSettings settings) throws Exception {
        return sql(settings, "SELECT count() FROM system.parts WHERE active AND table = 'event_log' AND database = '"
                + settings.database() + "'").trim();
    }

    /** A statement over ClickHouse's HTTP interface, for what the stores do not expose (parts, merges). */
    static String sql(ClickHouseSettings settings, String statement) throws Exception {
        String credentials = "?user=" + URLEncoder.encode(settings.username(), StandardCharsets.UTF_8)
                + (settings.password().isEmpty() ? "" : "&password=" + URLEncoder.encode(settings.password(), StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(settings.url().replaceAll("/+$", "") + "/" + credentials))
                        .POST(HttpRequest.BodyPublishers.ofString(statement)).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ClickHouse answered " + response.statusCode() + " to " + statement + ": " + response.body());
        }
        return response.body();
    }

    /** 100 spans per trace, the traces interleaved: LLM calls, tools and retrievals under one root. */
    static List<Event> spans() {
        Random random = new Random(11);
        SpanKind[] kinds = {SpanKind.LLM, SpanKind.LLM, SpanKind.CLIENT, SpanKind.INTERNAL};
        long base = System.currentTimeMillis() - SPANS;
        List<Event> spans = new ArrayList<>(SPANS);
        for (int n = 0; n < SPANS; n++) {
            String traceId = String.format("trace-%05d", n % TRACES);
            int index = n / TRACES;
            long start = base + index * 40L;
            SpanKind kind = index == 0 ? SpanKind.SERVER : kinds[random.nextInt(kinds.length)];
            boolean llm = kind == SpanKind.LLM;
            SpanRecorded span = new SpanRecorded(traceId, String.format("span-%03d", index), index == 0 ? null : "span-000",
                    index == 0 ? "agent.run" : llm ? "llm.chat" : "tool.web_search", kind, start, start + 30 + random.nextInt(3_000),
                    random.nextInt(50) == 0 ? SpanStatus.ERROR : SpanStatus.OK, null, llm ? "gpt-5-mini" : null,
                    llm ? 200 + random.nextInt(4_000) : 0, llm ? 20 + random.nextInt(800) : 0, llm ? 0.001 : 0, null,
                    "foldwork-python", "1.0.0");
            spans.add(new Event(String.format("s%010d", n), TRACE_TENANT, TRACE, traceId, index + 1, base + n,
                    SpanRecorded.TYPE, SpanRecorded.VERSION, Json.toNode(span)));
        }
        return spans;
    }
}
