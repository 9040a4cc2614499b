package dev.foldwork.bench;

import dev.foldwork.clickhouse.ClickHouseDatabase;
import dev.foldwork.clickhouse.ClickHouseSettings;
import dev.foldwork.clickhouse.SqlLiteral;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.trace.SpanTotals;
import dev.foldwork.pipelines.trace.TraceStatus;
import dev.foldwork.pipelines.trace.TotalledSpanIds;
import dev.foldwork.pipelines.trace.TraceSummary;
import dev.foldwork.pipelines.trace.index.ClickHouseTraceIndex;
import dev.foldwork.pipelines.trace.index.TraceCursor;
import dev.foldwork.pipelines.trace.index.TraceIndex;
import dev.foldwork.pipelines.trace.index.TraceIndexRow;
import dev.foldwork.pipelines.trace.index.TracePage;
import dev.foldwork.pipelines.trace.index.TraceQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The ClickHouse trace index (FOLDWORK_CLICKHOUSE_URL): 100,000 traces of one tenant (a fifth of
 * them written twice, an older summary first, as reactions racing would) and 20,000 of another,
 * then, once ClickHouse's merges of the load settled, 200 filtered queries of 50 (one in four
 * followed by its second page by cursor, timed together), timed end to end after 20 of warm-up. Works in a database of its own, dropped at the end.
 */
public final class TraceIndexBench {
    static final int TRACES = 100_000;
    static final int OTHER_TENANT_TRACES = 20_000;
    static final int QUERIES = 200;
    static final int WRITERS = 256;
    static final TenantId TENANT = TenantId.of("bench");
    static final long T0 = 1_794_268_800_000L;
    static final String[] LABELS = {"prod", "dev", "staging", "rag", "chat", "agent", "eval", "beta", "vip", "batch"};
    static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5", "claude-haiku-4-5", "gemini-2.5-pro",
            "llama-3.1-70b", "mistral-large", "o3-mini"};

    private TraceIndexBench() {}

    public static void main(String[] args) throws Exception {
        String url = System.getenv("FOLDWORK_CLICKHOUSE_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("FOLDWORK_CLICKHOUSE_URL is not set; run this through scripts/bench trace-index");
        }
        ClickHouseSettings settings = ClickHouseSettings.of(url)
                .withDatabase("bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .withCompressResponses(false) // the script's server is Debian's 18.16
                .withBatching(10_000, Duration.ofMillis(50), Duration.ofSeconds(60));
        try (ClickHouseDatabase database = ClickHouseDatabase.open(settings)) {
            try (ClickHouseTraceIndex index = new ClickHouseTraceIndex(database);
                    ClickHouseTraceIndex racing = new ClickHouseTraceIndex(database)) {
                long loadStart = System.nanoTime();
                load(index, racing, TENANT, TRACES);
                load(index, racing, TenantId.of("other"), OTHER_TENANT_TRACES);
                double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
                int parts = awaitMerges(database);
                Random random = new Random(7);
                for (int i = 0; i < 20; i++) {
                    index.query(TENANT, randomQuery(random));
                }
                double[] millis = new double[QUERIES];
                long found = 0;
                for (int i = 0; i < QUERIES; i++) {
                    TraceQuery query = randomQuery(random);
                    long start = System.nanoTime();
                    TracePage page = index.query(TENANT, query);
                    if (i % 4 == 0 && page.nextCursor() != null) {
                        page = index.query(TENANT, query.after(TraceCursor.decode(page.nextCursor())));
                    }
                    millis[i] = (System.nanoTime() - start) / 1e6;
                    found += page.items().size();
                }
                System.out.printf("loaded %,d index rows in %.1f s (%d parts once merges settled); %d queries returned %,d traces%n",
                        TRACES + TRACES / 5 + OTHER_TENANT_TRACES + OTHER_TENANT_TRACES / 5, loadSeconds, parts, QUERIES, found);
                System.out.printf("RESULT trace-index traces=%d query_p50_ms=%.1f query_p99_ms=%.1f query_max_ms=%.1f%n",
                        TRACES, ClickHouseBench.percentile(millis, 50), ClickHouseBench.percentile(millis, 99),
                        ClickHouseBench.percentile(millis, 100));
            } finally {
                database.dropDatabase();
            }
        }
    }

    /**
     * Waits (at most a minute) until ClickHouse merged the load's many small inserts as it does
     * under steady traffic, so the queries are timed against the table, not against its merges;
     * returns the table's active parts then.
     */
    private static int awaitMerges(ClickHouseDatabase database) throws InterruptedException {
        String ofTable = " WHERE database = " + SqlLiteral.quote(database.settings().database())
                + " AND table = " + SqlLiteral.quote("trace_index");
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline
                && database.queryRows("SELECT count() AS merges FROM system.merges" + ofTable).get(0).get("merges").asInt() > 0) {
            Thread.sleep(500);
        }
        return database.queryRows("SELECT count() AS parts FROM system.parts" + ofTable + " AND active")
                .get(0).get("parts").asInt();
    }

    /** Many concurrent upserts, as many reactors would write: the index's buffered writer batches them. */
    private static void load(TraceIndex index, TraceIndex racing, TenantId tenant, int traces) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int i = writer; i < traces; i += WRITERS) {
                        if (i % 5 == 0) {
                            racing.upsert(tenant, row(i, 1)); // an older summary of the same trace
                        }
                        index.upsert(tenant, row(i, 2));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            writers.shutdown();
        }
    }

    /** Trace {@code i}: a summary of realistic size whose fields spread over users, threads, labels and models. */
    static TraceIndexRow row(int i, long rank) {
        Random random = new Random(i * 31L + rank);
        String traceId = String.format("%032x", (long) i * 2_654_435_761L);
        long start = T0 + i * 1_000L + random.nextInt(1_000);
        long duration = 200 + random.nextInt(20_000);
        String model = MODELS[random.nextInt(MODELS.length)];
        List<String> labels = List.of(LABELS[random.nextInt(LABELS.length)], LABELS[random.nextInt(LABELS.length)]).stream()
                .distinct().toList();
        boolean error = random.nextInt(20) == 0;
        TraceSummary summary = new TraceSummary(traceId, "agent.run", 3 + random.nextInt(20), "agent.run", start,
                start + duration, duration, random.nextInt(5_000), random.nextInt(2_000), 0, 0, random.nextInt(1_000) / 1_000.0,
                error ? 1 : 0, error ? TraceStatus.ERROR : TraceStatus.OK, error ? "rate limited" : null, List.of(model),
                (long) random.nextInt(2_000), duration, 40.0, "what is the weather in Lisbon? ".repeat(10),
                "It is sunny and 24 degrees in Lisbon today. ".repeat(10), "user-" + random.nextInt(1_000),
                "thread-" + random.nextInt(10_000), "customer-" + random.nextInt(100), labels, List.of(), "python-sdk",
                "1.4.0", null, "event-" + i, start + duration, new TreeMap<>(), SpanTotals.NONE, TotalledSpanIds.NONE);
        return TraceIndexRow.of(traceId, Json.toNode(summary), rank);
    }

    /** One filter, sometimes two, of the kinds a trace list offers; a time window on a tenth. */
    static TraceQuery randomQuery(Random random) {
        String user = null;
        String thread = null;
        String label = null;
        String model = null;
        Boolean error = null;
        Double minCost = null;
        Long from = null;
        Long to = null;
        switch (random.nextInt(8)) {
            case 0 -> user = "user-" + random.nextInt(1_000);
            case 1 -> thread = "thread-" + random.nextInt(10_000);
            case 2 -> label = LABELS[random.nextInt(LABELS.length)];
            case 3 -> model = MODELS[random.nextInt(MODELS.length)];
            case 4 -> error = true;
            case 5 -> minCost = 0.9;
            case 6 -> {
                label = LABELS[random.nextInt(LABELS.length)];
                model = MODELS[random.nextInt(MODELS.length)];
            }
            default -> { }
        }
        if (random.nextInt(10) == 0) {
            from = T0 + random.nextInt(TRACES) * 1_000L;
            to = from + 3_600_000L;
        }
        return new TraceQuery(from, to, user, thread, label, model, error, minCost, TraceQuery.DEFAULT_LIMIT, null);
    }
}
