package dev.foldwork.bench;

import com.google.protobuf.ByteString;
import dev.foldwork.core.json.Json;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * OTLP ingestion end to end: starts the built jar with memory dispatch, then as the embedded
 * default (Temporal), and posts {@value #SPANS} spans to {@code POST /v1/traces} as OTLP/protobuf
 * in batches of {@value #BATCH} from {@value #CLIENTS} clients; then waits until the trace summary
 * of every trace counts all of its spans. Each trace's {@value #SPANS_PER_TRACE} spans come in two
 * exports, as a batch processor flushes them, so every trace is written twice. Spans per second
 * are the spans over the time from the first post until the last summary caught up (seen in the
 * trace list, which copies each summary after it is stored); the exports are built before the
 * clock starts. Rounds of {@value #WARM_UP_SPANS} spans of other traces warm each service up first:
 * the memory mode for 30 s ({@code foldwork.bench.warm-up-seconds}) or {@value #WARM_UP_ROUNDS}
 * rounds, on a heap of {@value #MEMORY_MODE_HEAP}; the embedded default one round.
 * The clients send an export again after a 429 or 503 as OTLP exporters do; each mode's line
 * counts those, and gives the service's CPU time per span, which a shared machine's load moves
 * less than the rate.
 */
final class OtlpBench {
    static final int SPANS = 20_000;
    static final int BATCH = 100;
    static final int CLIENTS = 8;
    static final int SPANS_PER_TRACE = 10;
    private static final int WARM_UP_SPANS = 4_000;
    /**
     * The memory mode's warm-up rounds go on until this passed, but at most {@value #WARM_UP_ROUNDS}
     * (160,000 spans): it keeps every span on its heap, about 5.4 KB each, and a heap mostly live
     * costs the collector more than a warmer JIT saves. Measured on 2026-12-05: after 6 rounds the
     * JIT compiler still took a third of a core through the measured run, and the run cost about
     * 170 us of service CPU a span; after 40 rounds on 3 GB, 110 to 120 us; after 60 s of rounds on
     * 4 GB (2.7 GB live), over 170 us again, the collector taking most of a core. The embedded
     * default gets one round: its measured run takes minutes, and each warm-up trace keeps a fold
     * workflow open, past the worker's cache of 2,000.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("foldwork.bench.warm-up-seconds", 30));
    private static final int WARM_UP_ROUNDS = 40;
    private static final String MEMORY_MODE_HEAP = "3g";
    private static final Duration CATCH_UP = Duration.ofMinutes(10);
    /**
     * Each run's spans start in an hour of their own (a warm-up round's number, the measured run's
     * after them all), so the trace list, newest first, shows the measured traces first and a sweep
     * reads the run's hour alone, however many warm-up traces the index holds.
     */
    private static final int MEASURED_HOUR = 1_000;
    private static final int EXPORT_ATTEMPTS = 5;

    private final AtomicInteger exportsSentAgain = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private OtlpBench() {}

    public static void main(String[] args) throws Exception {
        OtlpBench bench = new OtlpBench();
        if (Boolean.getBoolean("foldwork.bench.temporal-only")) { // one mode alone, e.g. under a profiler
            System.out.printf("RESULT otlp temporal_spans_per_s=%.0f%n", bench.temporal());
            return;
        }
        double memory = bench.mode("memory", MEMORY_MODE_HEAP, List.of("--foldwork.dispatch=memory"), WARM_UP_ROUNDS, null);
        if (Boolean.getBoolean("foldwork.bench.memory-only")) {
            System.out.printf("RESULT otlp memory_spans_per_s=%.0f%n", memory);
            return;
        }
        System.out.printf("RESULT otlp memory_spans_per_s=%.0f temporal_spans_per_s=%.0f%n", memory, bench.temporal());
    }

    private double temporal() throws Exception {
        String target = "127.0.0.1:" + ServiceProcess.freePort();
        return mode("temporal", ServiceProcess.HEAP, List.of("--foldwork.dispatch=temporal", "--foldwork.temporal.target=" + target), 1, target);
    }

    /** {@code temporalTarget}: the mode's embedded Temporal, whose histories are counted after the run; else null. */
    private double mode(String name, String heap, List<String> settings, int warmUpRounds, String temporalTarget) throws Exception {
        try (ServiceProcess service = ServiceProcess.start("otlp-" + name, heap, settings)) {
            long warmUpEnds = System.nanoTime() + WARM_UP.toNanos();
            for (int round = 0; round == 0 || round < warmUpRounds && System.nanoTime() < warmUpEnds; round++) {
                run(service.url(), "w" + round, round, WARM_UP_SPANS);
            }
            Duration cpuBefore = service.cpuTime();
            exportsSentAgain.set(0);
            Timing timing = run(service.url(), "m", MEASURED_HOUR, SPANS);
            double seconds = timing.caughtUpNanos() / 1e9;
            double rate = SPANS / seconds;
            long cpuMicros = service.cpuTime().minus(cpuBefore).toNanos() / 1_000;
            System.out.printf("otlp %s: %d spans posted in %d ms (%d exports sent again after a 429 or 503),"
                            + " every summary caught up after %.2f s: %.0f spans/s, the service's CPU %d us a span"
                            + " (its polls by the bench included)%n",
                    name, SPANS, timing.postedNanos() / 1_000_000, exportsSentAgain.get(), seconds, rate, cpuMicros / SPANS);
            if (temporalTarget != null) {
                int traces = SPANS / SPANS_PER_TRACE;
                System.out.printf("otlp %s: trace runs: %s%n", name, TemporalTaskCounts.of(temporalTarget,
                        workflowsOf("fold:bench:trace:", traces)).per("trace", traces));
                System.out.printf("otlp %s: evaluation runs (those started by now): %s%n", name, TemporalTaskCounts.of(
                        temporalTarget, workflowsOf("fold:bench:evaluation:auto-", traces)).per("trace", traces));
            }
            return rate;
        }
    }

    /** Nanoseconds from the first post until the last export was answered, and until every summary was seen complete. */
    private record Timing(long postedNanos, long caughtUpNanos) {}

    /**
     * Posts {@code spans} spans of traces named by {@code run}, then waits for every summary. The
     * exports are built before the clock starts: building them is the clients' work, not the service's.
     */
    private Timing run(String url, String run, int hour, int spans) throws Exception {
        int traces = spans / SPANS_PER_TRACE;
        List<byte[]> batches = new ArrayList<>();
        int half = SPANS_PER_TRACE / 2;
        int tracesPerBatch = BATCH / half;
        for (int part = 0; part < 2; part++) {
            for (int first = 0; first < traces; first += tracesPerBatch) {
                batches.add(batch(run, hour, first, Math.min(traces, first + tracesPerBatch), part * half, half));
            }
        }
        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                        post(url, batches.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            long posted = System.nanoTime() - started;
            // One poller waits for a trace of the last export; 8 pollers on unfinished folds would take their CPU.
            awaitSummary(url, traceId(run, traces - 1));
            awaitListed(url, run, hour, traces);
            return new Timing(posted, System.nanoTime() - started);
        } finally {
            clients.shutdownNow();
        }
    }

    /** One export: spans {@code from} to {@code from + count} of traces {@code [firstTrace, endTrace)}, started in the run's hour. */
    private static byte[] batch(String run, int hour, int firstTrace, int endTrace, int from, int count) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        long start = hourStartMs(hour) * 1_000_000L;
        for (int t = firstTrace; t < endTrace; t++) {
            ByteString traceId = ByteString.copyFrom(HexFormat.of().parseHex(traceId(run, t)));
            for (int s = from; s < from + count; s++) {
                Span.Builder span = Span.newBuilder().setTraceId(traceId).setSpanId(spanId(s))
                        .setName(s == 0 ? "agent.run" : "chat gpt-5-mini")
                        .setStartTimeUnixNano(start + s * 1_000_000L).setEndTimeUnixNano(start + (s + 50) * 1_000_000L);
                if (s > 0) {
                    span.setParentSpanId(spanId(0)).addAttributes(text("gen_ai.operation.name", "chat"))
                            .addAttributes(text("gen_ai.request.model", "gpt-5-mini"))
                            .addAttributes(number("gen_ai.usage.input_tokens", 1_200)).addAttributes(number("gen_ai.usage.output_tokens", 300));
                    span.addEvents(Span.Event.newBuilder().setName("first_token").setTimeUnixNano(start + (s + 20) * 1_000_000L));
                } else {
                    span.addAttributes(text("langwatch.user.id", "user-" + t % 100)).addAttributes(text("input.value", "question " + t));
                }
                scope.addSpans(span);
            }
        }
        Resource resource = Resource.newBuilder().addAttributes(text("telemetry.sdk.name", "opentelemetry"))
                .addAttributes(text("telemetry.sdk.version", "1.68.0")).build();
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope)).build().toByteArray();
    }

    /**
     * Posts one export as an OTLP exporter does (the Java SDK's default policy): a 429 or 503 is
     * sent again after a backoff from 1 s, times 1.5 up to 5 s, at most {@value #EXPORT_ATTEMPTS}
     * attempts. A 503 "accepted, not stored yet" is sent again too: OTLP has no other way to say it,
     * and the export's traces after the one that waited were never written. Any other refusal fails.
     */
    private void post(String url, byte[] body) throws Exception {
        // An export of 20 traces is 20 commands; in the Temporal mode under this load one can take minutes.
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v1/traces")).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + ServiceProcess.API_KEY).header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long backoffMs = 1_000;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status == 200 && ExportTraceServiceResponse.parseFrom(response.body()).getPartialSuccess().getRejectedSpans() == 0) {
                return;
            }
            if ((status != 429 && status != 503) || attempt == EXPORT_ATTEMPTS) {
                throw new IllegalStateException("export refused after " + attempt + " attempts: " + status + " "
                        + new String(response.body()));
            }
            exportsSentAgain.incrementAndGet();
            Thread.sleep(backoffMs);
            backoffMs = Math.min(5_000, backoffMs * 3 / 2);
        }
    }

    /** Polls the trace's summary until it counts all the trace's spans, or fails after {@link #CATCH_UP}. */
    private void awaitSummary(String url, String traceId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/pipelines/trace/aggregates/" + traceId
                        + "/projections/trace_summary")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ServiceProcess.API_KEY).GET().build();
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && Json.parse(response.body()).path("state").path("spanCount").asLong() >= SPANS_PER_TRACE) {
                return;
            }
            LockSupport.parkNanos(20_000_000);
        }
        throw new IllegalStateException("the summary of trace " + traceId + " did not catch up within " + CATCH_UP);
    }

    /** Sweeps the run's hour of the trace list ({@link TraceListSweep}) until it shows every trace of the run with all its spans. */
    private void awaitListed(String url, String run, int hour, int traces) throws Exception {
        Map<String, Integer> waiting = new HashMap<>();
        for (int t = 0; t < traces; t++) {
            waiting.put(traceId(run, t), SPANS_PER_TRACE);
        }
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (System.nanoTime() < deadline) {
            TraceListSweep.sweep(http, url, "from=" + hourStartMs(hour) + "&to=" + hourStartMs(hour + 1), waiting);
            if (waiting.isEmpty()) {
                return;
            }
            LockSupport.parkNanos(20_000_000);
        }
        throw new IllegalStateException(waiting.size() + " traces were not listed with all their spans within " + CATCH_UP);
    }

    /** The start of the run's hour, epoch ms: hours from 2026-11-10T00:00Z. */
    private static long hourStartMs(int hour) {
        return 1_794_268_800_000L + hour * 3_600_000L;
    }

    /** The workflow ids of the measured run's traces under {@code prefix} (FoldGroupId's form: fold, tenant, aggregate type, key). */
    private static List<String> workflowsOf(String prefix, int traces) {
        return IntStream.range(0, traces).mapToObj(t -> prefix + traceId("m", t)).toList();
    }

    /** 32 hex digits: the run's name's hash, then the trace number. */
    private static String traceId(String run, int trace) {
        return String.format("%08x%024x", run.hashCode(), trace + 1);
    }

    private static ByteString spanId(int span) {
        return ByteString.copyFrom(HexFormat.of().parseHex(String.format("%016x", span + 1)));
    }

    private static KeyValue text(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue number(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }
}
