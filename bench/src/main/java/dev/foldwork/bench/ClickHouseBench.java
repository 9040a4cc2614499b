package dev.foldwork.bench;

import dev.foldwork.clickhouse.ClickHouseDatabase;
import dev.foldwork.clickhouse.ClickHouseEventStore;
import dev.foldwork.clickhouse.ClickHouseSettings;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The ClickHouse event store on the server in FOLDWORK_CLICKHOUSE_URL (scripts/bench starts one):
 * 4 producers append 200,000 events over 2,000 aggregates in batches of 5,000 (the first 100
 * aggregates get 1,000 events each, the other 1,900 share the rest), then 200 reads of the
 * 1,000-event aggregates. Works in a database of its own, dropped at the end.
 */
public final class ClickHouseBench {
    static final int EVENTS = 200_000;
    static final int AGGREGATES = 2_000;
    static final int LARGE_AGGREGATES = 100;
    static final int LARGE_AGGREGATE_EVENTS = 1_000;
    static final int PRODUCERS = 4;
    static final int BATCH = 5_000;
    static final int READS = 200;
    static final TenantId TENANT = TenantId.of("bench");
    static final AggregateType ACCOUNT = AggregateType.of("account");

    private ClickHouseBench() {}

    public static void main(String[] args) throws Exception {
        String url = System.getenv("FOLDWORK_CLICKHOUSE_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("FOLDWORK_CLICKHOUSE_URL is not set; run this through scripts/bench clickhouse");
        }
        ClickHouseSettings settings = ClickHouseSettings.of(url)
                .withDatabase("bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .withCompressResponses(false) // the script's server is Debian's 18.16
                .withBatching(2 * BATCH, Duration.ofMillis(200), Duration.ofSeconds(60));
        try (ClickHouseDatabase database = ClickHouseDatabase.open(settings);
                ClickHouseEventStore store = new ClickHouseEventStore(database)) {
            try {
                append(store, TenantId.of("warmup"), 40_000); // warm up the JIT and the connection pool
                double eventsPerSecond = append(store, TENANT, EVENTS);
                double[] latencies = read(store);
                System.out.printf("RESULT clickhouse append_events_per_s=%.0f read_1000_p50_ms=%.1f read_1000_p99_ms=%.1f%n",
                        eventsPerSecond, percentile(latencies, 50), percentile(latencies, 99));
            } finally {
                database.dropDatabase();
            }
        }
    }

    /** The aggregate of the n-th event: events interleave across aggregates as live traffic does. */
    static String aggregateOf(int n) {
        int largeShare = LARGE_AGGREGATES * LARGE_AGGREGATE_EVENTS;
        if (n < largeShare) {
            return "acct-" + (n % LARGE_AGGREGATES);
        }
        return "acct-" + (LARGE_AGGREGATES + (n - largeShare) % (AGGREGATES - LARGE_AGGREGATES));
    }

    /** The n-th event's position in its aggregate's stream, as {@link #aggregateOf} deals them out. */
    static long seqOf(int n) {
        int largeShare = LARGE_AGGREGATES * LARGE_AGGREGATE_EVENTS;
        if (n < largeShare) {
            return n / LARGE_AGGREGATES + 1;
        }
        return (n - largeShare) / (AGGREGATES - LARGE_AGGREGATES) + 1;
    }

    static double append(ClickHouseEventStore store, TenantId tenant, int events) throws Exception {
        long base = System.currentTimeMillis();
        List<List<Event>> batches = new ArrayList<>();
        for (int start = 0; start < events; start += BATCH) {
            List<Event> batch = new ArrayList<>(BATCH);
            for (int n = start; n < start + BATCH; n++) {
                batch.add(new Event(String.format("%010d", n), tenant, ACCOUNT, aggregateOf(n), seqOf(n), base + n, "EntryRecorded", 1,
                        Json.object().put("amount", n % 1_000).put("memo", "entry " + n)));
            }
            batches.add(batch);
        }
        ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
        try {
            long start = System.nanoTime();
            List<Future<?>> sent = new ArrayList<>();
            for (List<Event> batch : batches) {
                sent.add(producers.submit(() -> store.append(tenant, batch)));
            }
            for (Future<?> future : sent) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("clickhouse: appended %d events for tenant %s in %.2f s%n", events, tenant, seconds);
            return events / seconds;
        } finally {
            producers.shutdownNow();
        }
    }

    static double[] read(ClickHouseEventStore store) {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < READS; i++) {
            order.add("acct-" + (i % LARGE_AGGREGATES));
        }
        Collections.shuffle(order, new Random(7));
        for (int i = 0; i < 20; i++) { // warm up the JIT and the connection pool
            store.read(TENANT, ACCOUNT, order.get(i));
        }
        double[] millis = new double[READS];
        for (int i = 0; i < READS; i++) {
            long start = System.nanoTime();
            int size = store.read(TENANT, ACCOUNT, order.get(i)).size();
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (size != LARGE_AGGREGATE_EVENTS) {
                throw new IllegalStateException(order.get(i) + " read " + size + " events, expected " + LARGE_AGGREGATE_EVENTS);
            }
        }
        return millis;
    }

    static double percentile(double[] values, int percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
