package dev.foldwork.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The service end to end: starts the built jar (one process, each dispatch mode in turn, then the
 * split deployment: a standalone Temporal test server, a web and two worker processes over
 * ClickHouse at FOLDWORK_CLICKHOUSE_URL) and drives its HTTP API with {@value ServiceClients#CLIENTS}
 * concurrent clients sending {@code record_span} over {@value ServiceClients#TRACES} traces for
 * {@code foldwork.bench.seconds} (default 30) after a warm-up. Prints each mode's accepted
 * commands per second, their p99 latency, and the fold lag p99 (sampled commands: from the 202
 * until {@code trace_summary} counts the span), and {@code limit_rps}: the same service answering
 * an authenticated GET with 404, the HTTP layer's own ceiling here.
 */
final class ServiceBench {
    /**
     * Load before measuring, for every mode alike. A few seconds is not enough: at 400 commands/s
     * the memory mode's JIT compiler still took 10.5 s of CPU in the 20 s after a 5 s warm-up, and
     * the service's CPU per command settled only after about a minute (2.8 ms, then 1.3, then 0.8).
     */
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("foldwork.bench.warm-up-seconds", 45));

    private final ServiceClients clients = new ServiceClients();
    private final Duration measured = Duration.ofSeconds(Long.getLong("foldwork.bench.seconds", 30));

    /**
     * A measured drive: rates and times, how many commands its traces (their id prefix) got, warm-up
     * included, and how long after the drive every trace's summary had folded them all.
     */
    record Figures(double rps, long p99Ms, long lagP99Ms, long errors, long sentToTraces, String traces, double caughtUpSeconds) {}

    /** How long the folds get to catch up with the accepted commands after a drive. */
    private static final Duration CATCH_UP = Duration.ofMinutes(5);

    private ServiceBench() {}

    public static void main(String[] args) throws Exception {
        ServiceBench bench = new ServiceBench();
        String run = UUID.randomUUID().toString().substring(0, 8);
        // e.g. a worker setting to compare; both Temporal deployments get it
        String extra = System.getProperty("foldwork.bench.temporal-args", "").trim();
        List<String> temporalArgs = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
        if (Boolean.getBoolean("foldwork.bench.split-only")) {
            bench.split(clickHouseUrl(), run, temporalArgs);
            return;
        }
        if (Boolean.getBoolean("foldwork.bench.memory-only")) { // memory dispatch against the HTTP ceiling, e.g. under a profiler
            Figures memory = bench.mode("memory", List.of("--foldwork.dispatch=memory"), null);
            double limit = bench.limit();
            System.out.printf("RESULT service memory_rps=%.0f limit_rps=%.0f memory_ratio=%.2f%n", memory.rps(), limit, memory.rps() / limit);
            return;
        }
        boolean temporalOnly = Boolean.getBoolean("foldwork.bench.temporal-only");
        String clickhouse = temporalOnly ? null : clickHouseUrl(); // missing fails now, not after three modes
        // The embedded test server listens on the target's port: a free one rather than 7233.
        String target = "127.0.0.1:" + ServiceProcess.freePort();
        Figures temporal = bench.mode("temporal", with(List.of("--foldwork.dispatch=temporal",
                "--foldwork.temporal.target=" + target), temporalArgs), target);
        if (temporalOnly) {
            return;
        }
        Figures memory = bench.mode("memory", List.of("--foldwork.dispatch=memory"), null);
        Figures redis = bench.mode("redis", List.of("--foldwork.dispatch=redis", "--foldwork.redis.queue=bench-" + run), null);
        Figures split = bench.split(clickhouse, run, temporalArgs);
        double limit = bench.limit();
        System.out.printf("RESULT service temporal_rps=%.0f memory_rps=%.0f redis_rps=%.0f split_rps=%.0f temporal_p99_ms=%d"
                        + " split_p99_ms=%d temporal_fold_lag_p99_ms=%d split_fold_lag_p99_ms=%d temporal_ratio=%.2f"
                        + " split_ratio=%.2f limit_rps=%.0f memory_ratio=%.2f split_caught_up_s=%.1f%n",
                temporal.rps(), memory.rps(), redis.rps(), split.rps(), temporal.p99Ms(), split.p99Ms(),
                temporal.lagP99Ms(), split.lagP99Ms(), temporal.rps() / memory.rps(), split.rps() / memory.rps(),
                limit, memory.rps() / limit, split.caughtUpSeconds());
    }

    /** The split mode's ClickHouse, which scripts/bench starts when none is given. */
    private static String clickHouseUrl() {
        String url = System.getenv("FOLDWORK_CLICKHOUSE_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("the split mode needs a ClickHouse: set FOLDWORK_CLICKHOUSE_URL"
                    + " (such as http://127.0.0.1:8123), or run scripts/bench service, which starts one");
        }
        return url;
    }

    /** One mode in its own process; {@code temporalTarget}: its embedded Temporal, whose histories are counted, else null. */
    private Figures mode(String name, List<String> settings, String temporalTarget) throws Exception {
        try (ServiceProcess service = ServiceProcess.start(name, settings)) {
            Figures figures = measure(name, service.url());
            if (temporalTarget != null) {
                Thread.sleep(2_000); // the debounced reactions of the last commands (1 s) start their tasks
                System.out.printf("service %s: Temporal %s%n", name, TemporalTaskCounts.of(temporalTarget,
                        traceWorkflows(figures.traces())).per("command", figures.sentToTraces()));
            }
            return figures;
        }
    }

    /** The workflow ids of a drive's traces (FoldGroupId's form: fold, tenant, aggregate type, key). */
    private static List<String> traceWorkflows(String traces) {
        return IntStream.range(0, ServiceClients.TRACES).mapToObj(t -> "fold:bench:trace:" + traces + "-" + t).toList();
    }

    /**
     * The split deployment on this machine: a standalone Temporal test server (where docker-compose
     * runs a Temporal server), two worker processes and one web process, the one the clients drive,
     * all over one ClickHouse database of this run. Each process starts once the one before it is
     * up; they stop in reverse order.
     */
    private Figures split(String clickhouse, String run, List<String> temporalArgs) throws Exception {
        int temporalPort = ServiceProcess.freePort();
        // The fleet tests' sticky and history settings are for workers that get killed; these are not.
        List<String> settings = with(List.of("--foldwork.dispatch=temporal", "--foldwork.temporal.embedded=false",
                "--foldwork.temporal.target=127.0.0.1:" + temporalPort, "--foldwork.store=clickhouse",
                "--foldwork.clickhouse.url=" + clickhouse, "--foldwork.clickhouse.database=bench_split_" + run,
                // As in the fleet tests: Debian's ClickHouse (18.16) sends compressed responses empty, and a
                // command's append waits for its batch's flush (200 ms by default).
                "--foldwork.clickhouse.compress-responses=false", "--foldwork.clickhouse.flush-interval=20ms"), temporalArgs);
        try (ServiceProcess temporal = ServiceProcess.temporal("split-temporal", temporalPort);
             ServiceProcess worker1 = ServiceProcess.start("split-worker-1", with(settings, List.of("--foldwork.role=worker")));
             ServiceProcess worker2 = ServiceProcess.start("split-worker-2", with(settings, List.of("--foldwork.role=worker")));
             ServiceProcess web = ServiceProcess.start("split-web", with(settings, List.of("--foldwork.role=web")))) {
            return measure("split", web.url());
        }
    }

    /**
     * Warms the service at {@code url} up, then drives it for the measured time over the same 1,000
     * traces and prints what it did. (Fresh traces for the measurement made it 2,000 aggregates, and the
     * warm-up's traces, gone quiet, started their evaluations inside the measured window.)
     */
    private Figures measure(String name, String url) throws Exception {
        ServiceClients.Traces traces = ServiceClients.Traces.fresh();
        ServiceClients.Sent warm = clients.drive(url, traces, WARM_UP, null);
        ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
        ServiceClients.Sent sent = clients.drive(url, traces, measured, lags);
        double caughtUp = clients.secondsToCatchUp(url, traces, CATCH_UP);
        long[] lag = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        Figures figures = new Figures(sent.accepted() / (measured.toNanos() / 1e9), percentile(sent.latencies(), 99) / 1_000_000,
                percentile(lag, 99) / 1_000_000, sent.errors(), warm.accepted() + sent.accepted(), sent.traces(), caughtUp);
        System.out.printf("service %s: %d accepted in %d s (%.0f/s), p50 %d ms, p99 %d ms, %d errors;"
                        + " fold lag of %d sampled commands p50 %d ms, p99 %d ms; every summary caught up %.1f s after the drive%n",
                name, sent.accepted(), measured.toSeconds(), figures.rps(), percentile(sent.latencies(), 50) / 1_000_000,
                figures.p99Ms(), sent.errors(), lag.length, percentile(lag, 50) / 1_000_000, figures.lagP99Ms(), caughtUp);
        return figures;
    }

    /** The same clients asking for a projection that does not exist: authenticated, answered 404, nothing else. */
    private double limit() throws Exception {
        try (ServiceProcess service = ServiceProcess.start("limit", List.of("--foldwork.dispatch=memory"))) {
            HttpRequest request = ServiceClients.authorized(
                    service.url() + "/api/v1/pipelines/trace/aggregates/no-such-trace/projections/trace_summary").GET().build();
            AtomicLong answered = new AtomicLong();
            clients.run(WARM_UP, (client, deadline) -> {
                while (System.nanoTime() < deadline) {
                    clients.send(request);
                }
            });
            clients.run(measured, (client, deadline) -> {
                while (System.nanoTime() < deadline) {
                    if (clients.send(request).statusCode() == 404) {
                        answered.incrementAndGet();
                    }
                }
            });
            double rps = answered.get() / (measured.toNanos() / 1e9);
            System.out.printf("service limit: authenticated GET answered 404 at %.0f/s%n", rps);
            return rps;
        }
    }

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    /** The settings followed by more. */
    private static List<String> with(List<String> settings, List<String> more) {
        return Stream.concat(settings.stream(), more.stream()).toList();
    }
}
