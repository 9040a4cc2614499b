package dev.foldwork.bench;

import dev.foldwork.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@link ServiceBench}'s load: {@value #CLIENTS} concurrent clients over HTTP, with the bench's
 * API key, each sending {@code record_span} over its share of {@value #TRACES} traces, and the
 * fold lag of sampled commands; or any other loop the bench gives them.
 */
final class ServiceClients {
    static final int CLIENTS = 32;
    static final int TRACES = 1_000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4, ServiceClients::daemon)).build();

    /** What a drive sent: accepted and failed commands, the sorted latencies (ns), and its traces' id prefix. */
    record Sent(long accepted, long errors, long[] latencies, String traces) {}

    /**
     * The {@value #TRACES} traces the drives of one service send to, under an id prefix of their own,
     * and the spans each has been sent, so a later drive goes on with the same traces (a warm-up and
     * the measured drive load the same aggregates).
     */
    record Traces(String prefix, int[] spansSent) {
        static Traces fresh() {
            return new Traces("bench-" + UUID.randomUUID().toString().substring(0, 6), new int[TRACES]);
        }
    }

    /** The clients that sample the fold lag, each every {@value #LAG_EVERY}th command it sent. */
    private static final int LAG_CLIENTS = 4;
    private static final int LAG_EVERY = 20;

    /**
     * {@value #CLIENTS} clients, each owning every 32nd trace, send {@code record_span} for {@code
     * duration}. The first {@value #LAG_CLIENTS} sample the fold lag when {@code lags} is given.
     */
    Sent drive(String url, Traces traces, Duration duration, ConcurrentLinkedQueue<Long> lags) throws Exception {
        List<long[]> latencies = new ArrayList<>();
        AtomicLong accepted = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        // A thread per pending check: checks queued behind slow ones would count their wait in the queue
        // as fold lag (the split deployment's p50 read 50 s while its folds were about 10 s behind).
        ExecutorService lagCheckers = Executors.newCachedThreadPool();
        try {
            run(duration, (client, deadline) -> {
                int[] sentPerTrace = traces.spansSent(); // each client touches its own traces only
                long[] mine = new long[1 << 20];
                int n = 0;
                for (int i = 0; System.nanoTime() < deadline; i++) {
                    int trace = client + CLIENTS * (i % (TRACES / CLIENTS));
                    String traceId = traces.prefix() + "-" + trace;
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
                    if (lags != null && client < LAG_CLIENTS && i % LAG_EVERY == 0) {
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
        return new Sent(accepted.get(), errors.get(), all, traces.prefix());
    }

    /**
     * Nanoseconds from {@code acceptedAt} until the trace's summary counts {@code spans} (at most 60 s),
     * polled every twentieth of the time waited so far (5 ms to 1 s): within 5%, and a long lag,
     * which has many checks pending at once, does not load the service with reads (polled every
     * 5 ms, the split deployment's checks read a few hundred fold states a second from its ClickHouse).
     */
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
            LockSupport.parkNanos(Math.max(5_000_000, Math.min(1_000_000_000, (System.nanoTime() - acceptedAt) / 20)));
        }
        return giveUp - acceptedAt;
    }

    /**
     * Seconds from now until every trace's summary counts all the spans it was accepted for (at most
     * {@code limit}; infinity if they do not by then): how far the folds were behind the accepted
     * commands when the drive ended, read from the trace list ({@link TraceListSweep}).
     */
    double secondsToCatchUp(String url, Traces traces, Duration limit) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Map<String, Integer> waiting = new HashMap<>();
        for (int trace = 0; trace < TRACES; trace++) {
            if (traces.spansSent()[trace] > 0) {
                waiting.put(traces.prefix() + "-" + trace, traces.spansSent()[trace]);
            }
        }
        while (System.nanoTime() - started < limit.toNanos()) {
            TraceListSweep.sweep(http, url, waiting);
            if (waiting.isEmpty()) {
                return (System.nanoTime() - started) / 1e9;
            }
            LockSupport.parkNanos(20_000_000);
        }
        return Double.POSITIVE_INFINITY;
    }

    /** One client's loop until {@code deadline} (System.nanoTime). */
    interface Client {
        void run(int client, long deadline) throws Exception;
    }

    /** Runs {@code clients} on {@value #CLIENTS} threads for {@code duration}; fails if one of them does. */
    void run(Duration duration, Client clients) throws Exception {
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

    HttpResponse<String> send(HttpRequest request) {
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
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static HttpRequest.Builder authorized(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ServiceProcess.API_KEY);
    }

    private static String spanBody(String traceId, int span) {
        return Json.write(Json.object().put("traceId", traceId).put("spanId", "s-" + span).put("name", "chat")
                .put("kind", "llm").put("startTimeMs", 1_000 + span).put("endTimeMs", 1_500 + span)
                .put("model", "gpt-5-mini").put("inputTokens", 120).put("outputTokens", 40));
    }

    /** The HTTP client's threads must not keep the JVM alive after {@code main} returns. */
    private static Thread daemon(Runnable runnable) {
        Thread thread = new Thread(runnable, "bench-http");
        thread.setDaemon(true);
        return thread;
    }
}
