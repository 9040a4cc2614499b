package dev.foldwork.bench;

import dev.foldwork.core.json.Json;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The service end to end: starts the built jar (one process, each dispatch mode in turn, then the
 * split deployment: a standalone Temporal test server, a web and two worker processes over
 * ClickHouse at FOLDWORK_CLICKHOUSE_URL) and drives its HTTP API with {@value #CLIENTS}
 * concurrent clients sending {@code record_span} over {@value #TRACES} traces for
 * {@code foldwork.bench.seconds} (default 30) after a warm-up. Prints each mode's accepted
 * commands per second, their p99 latency, and the fold lag p99 (sampled commands: from the 202
 * until {@code trace_summary} counts the span), and {@code limit_rps}: the same service answering
 * an authenticated GET with 404, the HTTP layer's own ceiling here.
 */
final class ServiceBench {
    static final int CLIENTS = 32;
    static final int TRACES = 1_000;
    static final String KEY = "bench-key";
    private static final Duration WARM_UP = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4, ServiceBench::daemon)).build();
    private final Duration measured = Duration.ofSeconds(Long.getLong("foldwork.bench.seconds", 30));

    /** A measured drive: rates and times, and how many commands it sent to which traces (their id prefix). */
    record Figures(double rps, long p99Ms, long lagP99Ms, long errors, long accepted, String traces) {}

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
        boolean temporalOnly = Boolean.getBoolean("foldwork.bench.temporal-only");
        String clickhouse = temporalOnly ? null : clickHouseUrl(); // missing fails now, not after three modes
        // The embedded test server listens on the target's port: a free one rather than 7233.
        String target = "127.0.0.1:" + Service.freePort();
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
                        + " split_ratio=%.2f limit_rps=%.0f memory_ratio=%.2f%n",
                temporal.rps(), memory.rps(), redis.rps(), split.rps(), temporal.p99Ms(), split.p99Ms(),
                temporal.lagP99Ms(), split.lagP99Ms(), temporal.rps() / memory.rps(), split.rps() / memory.rps(),
                limit, memory.rps() / limit);
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
        try (Service service = Service.start(name, settings)) {
            Figures figures = measure(name, service.url());
            if (temporalTarget != null) {
                Thread.sleep(2_000); // the debounced reactions of the last commands (1 s) start their tasks
                System.out.printf("service %s: Temporal %s%n", name, TemporalTaskCounts.of(temporalTarget,
                        traceWorkflows(figures.traces())).perCommand(figures.accepted()));
            }
            return figures;
        }
    }

    /** The workflow ids of a drive's traces (FoldGroupId's form: fold, tenant, aggregate type, key). */
    private static List<String> traceWorkflows(String traces) {
        return IntStream.range(0, TRACES).mapToObj(t -> "fold:bench:trace:" + traces + "-" + t).toList();
    }

    /**
     * The split deployment on this machine: a standalone Temporal test server (where docker-compose
     * runs a Temporal server), two worker processes and one web process, the one the clients drive,
     * all over one ClickHouse database of this run. Each process starts once the one before it is
     * up; they stop in reverse order.
     */
    private Figures split(String clickhouse, String run, List<String> temporalArgs) throws Exception {
        int temporalPort = Service.freePort();
        // The fleet tests' sticky and history settings are for workers that get killed; these are not.
        List<String> settings = with(List.of("--foldwork.dispatch=temporal", "--foldwork.temporal.embedded=false",
                "--foldwork.temporal.target=127.0.0.1:" + temporalPort, "--foldwork.store=clickhouse",
                "--foldwork.clickhouse.url=" + clickhouse, "--foldwork.clickhouse.database=bench_split_" + run,
                // As in the fleet tests: Debian's ClickHouse (18.16) sends compressed responses empty, and a
                // command's append waits for its batch's flush (200 ms by default).
                "--foldwork.clickhouse.compress-responses=false", "--foldwork.clickhouse.flush-interval=20ms"), temporalArgs);
        try (Service temporal = Service.temporal("split-temporal", temporalPort);
             Service worker1 = Service.start("split-worker-1", with(settings, List.of("--foldwork.role=worker")));
             Service worker2 = Service.start("split-worker-2", with(settings, List.of("--foldwork.role=worker")));
             Service web = Service.start("split-web", with(settings, List.of("--foldwork.role=web")))) {
            return measure("split", web.url());
        }
    }

    /** Warms the service at {@code url} up, then drives it for the measured time and prints what it did. */
    private Figures measure(String name, String url) throws Exception {
        drive(url, WARM_UP, null);
        ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
        Sent sent = drive(url, measured, lags);
        long[] lag = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        Figures figures = new Figures(sent.accepted() / (measured.toNanos() / 1e9), percentile(sent.latencies(), 99) / 1_000_000,
                percentile(lag, 99) / 1_000_000, sent.errors(), sent.accepted(), sent.traces());
        System.out.printf("service %s: %d accepted in %d s (%.0f/s), p50 %d ms, p99 %d ms, %d errors;"
                        + " fold lag of %d sampled commands p50 %d ms, p99 %d ms%n", name, sent.accepted(),
                measured.toSeconds(), figures.rps(), percentile(sent.latencies(), 50) / 1_000_000, figures.p99Ms(),
                sent.errors(), lag.length, percentile(lag, 50) / 1_000_000, figures.lagP99Ms());
        return figures;
    }

    /** The same clients asking for a projection that does not exist: authenticated, answered 404, nothing else. */
    private double limit() throws Exception {
        try (Service service = Service.start("limit", List.of("--foldwork.dispatch=memory"))) {
            HttpRequest request = authorized(service.url() + "/api/v1/pipelines/trace/aggregates/no-such-trace/projections/trace_summary")
                    .GET().build();
            AtomicLong answered = new AtomicLong();
            run(WARM_UP, (client, deadline) -> {
                while (System.nanoTime() < deadline) {
                    send(request);
                }
            });
            run(measured, (client, deadline) -> {
                while (System.nanoTime() < deadline) {
                    if (send(request).statusCode() == 404) {
                        answered.incrementAndGet();
                    }
                }
            });
            double rps = answered.get() / (measured.toNanos() / 1e9);
            System.out.printf("service limit: authenticated GET answered 404 at %.0f/s%n", rps);
            return rps;
        }
    }

    private record Sent(long accepted, long errors, long[] latencies, String traces) {}

    /**
     * {@value #CLIENTS} clients, each owning every 32nd trace. Client 0 samples every 20th command
     * it sent for the fold lag when {@code lags} is given.
     */
    private Sent drive(String url, Duration duration, ConcurrentLinkedQueue<Long> lags) throws Exception {
        String batch = UUID.randomUUID().toString().substring(0, 6);
        List<long[]> latencies = new ArrayList<>();
        AtomicLong accepted = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ExecutorService lagCheckers = Executors.newFixedThreadPool(2);
        try {
            run(duration, (client, deadline) -> {
                int[] sentPerTrace = new int[TRACES];
                long[] mine = new long[1 << 20];
                int n = 0;
                for (int i = 0; System.nanoTime() < deadline; i++) {
                    int trace = client + CLIENTS * (i % (TRACES / CLIENTS));
                    String traceId = "bench-" + batch + "-" + trace;
                    int span = ++sentPerTrace[trace];
                    long start = System.nanoTime();
                    HttpResponse<String> response = trySend(authorized(url + "/api/v1/pipelines/trace/commands/record_span")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(spanBody(traceId, span))).build());
                    long took = System.nanoTime() - start;
                    if (response == null || response.statusCode() != 202) {
                        errors.incrementAndGet();
                        sentPerTrace[trace]--;
                        continue;
                    }
                    accepted.incrementAndGet();
                    if (n < mine.length) {
                        mine[n++] = took;
                    }
                    if (lags != null && client == 0 && i % 20 == 0) {
                        long acceptedAt = System.nanoTime();
                        lagCheckers.execute(() -> lags.add(awaitFolded(url, traceId, span, acceptedAt)));
                    }
                }
                synchronized (latencies) {
                    latencies.add(Arrays.copyOf(mine, n));
                }
            });
        } finally {
            lagCheckers.shutdown();
            lagCheckers.awaitTermination(2, TimeUnit.MINUTES);
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Sent(accepted.get(), errors.get(), all, "bench-" + batch);
    }

    /** Nanoseconds from {@code acceptedAt} until the trace's summary counts {@code spans}, polled every 5 ms (at most 60 s). */
    private long awaitFolded(String url, String traceId, int spans, long acceptedAt) {
        HttpRequest request = authorized(url + "/api/v1/pipelines/trace/aggregates/" + traceId + "/projections/trace_summary")
                .GET().build();
        long giveUp = acceptedAt + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < giveUp) {
            HttpResponse<String> response = send(request);
            if (response.statusCode() == 200
                    && Json.parse(response.body()).path("state").path("spanCount").asLong() >= spans) {
                return System.nanoTime() - acceptedAt;
            }
            LockSupport.parkNanos(5_000_000);
        }
        return giveUp - acceptedAt;
    }

    /** One client's loop until {@code deadline} (System.nanoTime). */
    private interface Client {
        void run(int client, long deadline) throws Exception;
    }

    private void run(Duration duration, Client clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            long deadline = System.nanoTime() + duration.toNanos();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(pool.submit(() -> {
                    clients.run(client, deadline);
                    return null;
                }));
            }
            for (Future<?> one : running) {
                one.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        }
    }

    /** The response, or null when none came (timed out, connection lost): an error of the run, not of the bench. */
    private HttpResponse<String> trySend(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static HttpRequest.Builder authorized(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + KEY);
    }

    private static String spanBody(String traceId, int span) {
        return Json.write(Json.object().put("traceId", traceId).put("spanId", "s-" + span).put("name", "chat")
                .put("kind", "llm").put("startTimeMs", 1_000 + span).put("endTimeMs", 1_500 + span)
                .put("model", "gpt-5-mini").put("inputTokens", 120).put("outputTokens", 40));
    }

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    /** The settings followed by more. */
    private static List<String> with(List<String> settings, List<String> more) {
        return Stream.concat(settings.stream(), more.stream()).toList();
    }

    /** A process of the built service jar, listening on a port, its output in a temporary file; stopped on close. */
    record Service(String name, Process process, int port, File log) implements AutoCloseable {
        /** The service on a free port with one tenant key and the settings, once healthy. */
        static Service start(String name, List<String> settings) throws Exception {
            int port = freePort();
            List<String> args = new ArrayList<>(List.of("-jar", jar().toString(), "--server.port=" + port,
                    "--foldwork.api-keys[0].tenant=bench", "--foldwork.api-keys[0].sha256=" + sha256(KEY),
                    "--logging.level.root=WARN", "--spring.main.banner-mode=off"));
            args.addAll(settings);
            Service service = launch(name, port, args);
            HttpClient probe = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create(service.url() + "/actuator/health")).build();
            service.await("healthy", () -> probe.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            System.out.printf("service %s: started (%s), log %s%n", name, String.join(" ", settings), service.log());
            return service;
        }

        /**
         * The jar's StandaloneTemporal (Temporal's test server) on the port, once it accepts
         * connections. The jar's PropertiesLauncher runs a main class other than the service's.
         */
        static Service temporal(String name, int port) throws Exception {
            Service service = launch(name, port, List.of("-cp", jar().toString(),
                    "-Dloader.main=dev.foldwork.starter.embedded.StandaloneTemporal",
                    "org.springframework.boot.loader.launch.PropertiesLauncher", String.valueOf(port)));
            service.await("listening", () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return true;
                }
            });
            System.out.printf("service %s: Temporal test server started on port %d, log %s%n", name, port, service.log());
            return service;
        }

        private static Service launch(String name, int port, List<String> args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms1g", "-Xmx1g"));
            String jvmArgs = System.getProperty("foldwork.bench.jvm-args", "").trim(); // e.g. a profiler's
            if (!jvmArgs.isEmpty()) {
                command.addAll(List.of(jvmArgs.split("\\s+")));
            }
            command.addAll(args);
            File log = Files.createTempFile("foldwork-bench-service-" + name + "-", ".log").toFile();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
            return new Service(name, process, port, log);
        }

        private static Path jar() throws IOException {
            try (Stream<Path> built = Files.list(Path.of("service", "target"))) {
                return built.filter(p -> p.getFileName().toString().matches("foldwork-service-.*\\.jar")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no service jar in service/target: build it first"
                                + " (scripts/bench service does)"));
            }
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        /** Whether the process is ready yet; an IOException means not yet. */
        private interface Ready {
            boolean now() throws IOException, InterruptedException;
        }

        /** Polls {@code ready} for up to two minutes; fails naming the log (and stops the process) if it never is. */
        private void await(String what, Ready ready) throws Exception {
            Duration timeout = Duration.ofSeconds(120);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    if (ready.now()) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                LockSupport.parkNanos(200_000_000);
            }
            close();
            throw new IllegalStateException(name + " was not " + what + " within " + timeout + "; see " + log);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        private static String sha256(String key) throws Exception {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The HTTP client's threads must not keep the JVM alive after {@code main} returns. */
    private static Thread daemon(Runnable runnable) {
        Thread thread = new Thread(runnable, "bench-http");
        thread.setDaemon(true);
        return thread;
    }
}
