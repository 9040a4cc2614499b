package dev.foldwork.bench;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.runtime.FoldExecutor;
import dev.foldwork.core.runtime.FoldStep;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.clickhouse.ClickHouseDatabase;
import dev.foldwork.core.stores.clickhouse.ClickHouseEventStore;
import dev.foldwork.core.stores.clickhouse.ClickHouseSettings;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
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
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * The rebuild half of the recovery benchmark. No rebuild endpoint exists yet, so this times what
 * one does: 200,000 spans of one tenant over 2,000 traces stored in ClickHouse, then every trace
 * read back from the store in pages and folded with the trace pipeline's {@code trace_summary}
 * into a memory fold store. A second pass, once {@code OPTIMIZE FINAL} merged the freshly inserted
 * parts as older history would be, is printed but is not the result: it shows what unmerged parts
 * cost the per-stream reads.
 */
final class FoldFromStoreBench {
    static final int SPANS = 200_000;
    static final int TRACES = 2_000;
    /** Traces folded at once by the rebuild: reads from ClickHouse wait on the network as much as on the CPU. */
    static final int REBUILD_READERS = 4;
    static final TenantId TRACE_TENANT = TenantId.of("rebuild");
    static final AggregateType TRACE = AggregateType.of(TracePipeline.NAME);

    private FoldFromStoreBench() {}

    /** Where a rebuild's time goes, summed over its readers: reading from ClickHouse, folding. */
    record RebuildTimes(LongAdder readNanos, LongAdder foldNanos) {
        RebuildTimes() {
            this(new LongAdder(), new LongAdder());
        }
    }

    /** Returns events folded per second from the store. */
    static double run(ClickHouseDatabase database) throws Exception {
        PipelineRegistry registry = Pipelines.registry(Pipelines.Settings.defaults(), new RecordedTraceUpdates());
        FoldProjection<?> summary = registry.fold(TraceSummaryFold.NAME).orElseThrow();
        try (ClickHouseEventStore events = new ClickHouseEventStore(database)) {
            RecoveryBench.append(events, TRACE_TENANT, spans());
            System.out.printf("recovery: stored %d spans over %d traces for tenant %s%n", SPANS, TRACES, TRACE_TENANT);
            List<String> traces = events.aggregateIds(TRACE_TENANT, TRACE);
            rebuild(events, summary, traces.subList(0, TRACES / 10), new MemoryFoldStore(), new RebuildTimes()); // warm up the JIT

            System.out.printf("recovery: the event log has %s active parts%n", activeParts(database.settings()));
            double seconds = timedRebuild(events, summary, traces);
            // Not part of the result: the same fold once the inserts' parts are merged, as older history would be.
            sql(database.settings(), "OPTIMIZE TABLE " + database.settings().database() + ".event_log FINAL");
            System.out.printf("recovery: after OPTIMIZE FINAL the event log has %s active parts%n", activeParts(database.settings()));
            timedRebuild(events, summary, traces);
            return SPANS / seconds;
        }
    }

    static double timedRebuild(ClickHouseEventStore events, FoldProjection<?> summary, List<String> traces) throws Exception {
        MemoryFoldStore target = new MemoryFoldStore();
        RebuildTimes times = new RebuildTimes();
        long start = System.nanoTime();
        long folded = rebuild(events, summary, events.aggregateIds(TRACE_TENANT, TRACE), target, times);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (folded != SPANS) {
            throw new IllegalStateException("the rebuild folded " + folded + " events, expected " + SPANS);
        }
        for (String trace : traces) {
            long version = target.get(TRACE_TENANT, TraceSummaryFold.NAME, trace).orElseThrow().version();
            if (version != SPANS / TRACES) {
                throw new IllegalStateException(trace + " was rebuilt to version " + version + ", expected " + SPANS / TRACES);
            }
        }
        System.out.printf("recovery: folded %d spans of %d traces from the store in %.2f s, %.0f events/s (%d readers;"
                        + " summed over them: %.2f s reading, %.2f s folding)%n", folded, traces.size(), seconds,
                folded / seconds, REBUILD_READERS, times.readNanos().sum() / 1e9, times.foldNanos().sum() / 1e9);
        return seconds;
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

    /** Folds each trace from the store in pages into {@code target}; returns the events folded. */
    static long rebuild(ClickHouseEventStore events, FoldProjection<?> fold, List<String> traces, MemoryFoldStore target,
                        RebuildTimes times) throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(REBUILD_READERS);
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (String trace : traces) {
                done.add(readers.submit(() -> rebuildOne(events, fold, new StreamId(TRACE_TENANT, TRACE, trace), target, times)));
            }
            long folded = 0;
            for (Future<Long> one : done) {
                folded += one.get();
            }
            return folded;
        } finally {
            readers.shutdownNow();
        }
    }

    static <S> long rebuildOne(ClickHouseEventStore events, FoldProjection<S> fold, StreamId stream, MemoryFoldStore target,
                               RebuildTimes times) {
        S state = fold.init();
        FoldCheckpoint checkpoint = FoldCheckpoint.START;
        while (true) {
            long start = System.nanoTime();
            List<Event> page = events.read(stream, checkpoint.position() + 1, checkpoint.position() + FoldExecutor.READ_PAGE);
            long read = System.nanoTime();
            FoldStep.Result<S> result = FoldStep.apply(fold, state, checkpoint, page);
            times.readNanos().add(read - start);
            times.foldNanos().add(System.nanoTime() - read);
            state = result.state();
            checkpoint = result.checkpoint();
            if (page.size() < FoldExecutor.READ_PAGE) {
                break;
            }
        }
        target.store(stream.tenantId(), fold.name(), stream.aggregateId(), new StoredFold(Json.toNode(state), checkpoint));
        return checkpoint.position();
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
