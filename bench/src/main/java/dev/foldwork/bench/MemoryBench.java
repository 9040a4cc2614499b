package dev.foldwork.bench;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.testing.LedgerPipeline;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * End-to-end memory mode: 8 producer threads send 1,000 aggregates x 100 events through the
 * service (validate, store, dispatch); the clock stops when every fold, map and reactor is done.
 */
public final class MemoryBench {
    static final int AGGREGATES = 1_000;
    static final int EVENTS_PER_AGGREGATE = 100;
    static final int PRODUCERS = 8;

    private MemoryBench() {}

    public static void main(String[] args) throws Exception {
        run(AGGREGATES, EVENTS_PER_AGGREGATE); // warm-up: the JIT compiles before the measured runs, not during them
        // The machines are shared and noisy: three measured runs, the median is the result.
        double[] runs = new double[3];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = run(AGGREGATES, EVENTS_PER_AGGREGATE);
        }
        Arrays.sort(runs);
        System.out.printf("RESULT memory events_per_s=%.0f aggregates=%d events=%d%n",
                runs[1], AGGREGATES, AGGREGATES * EVENTS_PER_AGGREGATE);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double run(int aggregates, int eventsPerAggregate) throws Exception {
        ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
        try (Foldwork<MemoryDispatcher> es = Foldwork.inMemory(LedgerPipeline.registry((context, event) -> {}))) {
            TenantId tenant = TenantId.of("bench");
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            List<Future<?>> sent = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                sent.add(producers.submit(() -> {
                    for (int round = 0; round < eventsPerAggregate; round++) {
                        for (int a = producer; a < aggregates; a += PRODUCERS) {
                            var payload = Json.object().put("accountId", "acct-" + a).put("amount", round).put("memo", "r" + round);
                            es.service().send(new Command(tenant, LedgerPipeline.NAME, "record_entry", payload));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            if (!es.dispatcher().awaitIdle(Duration.ofMinutes(5))) {
                throw new IllegalStateException("the dispatcher did not drain within 5 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            long events = (long) aggregates * eventsPerAggregate;
            // CPU time tells how much work an event costs even when other processes share the cores.
            System.out.printf("memory: %d events in %.2f s wall, %.2f s cpu (%.1f us cpu per event, %d cores)%n",
                    events, seconds, cpuSeconds, cpuSeconds * 1e6 / events, Runtime.getRuntime().availableProcessors());
            return events / seconds;
        } finally {
            producers.shutdownNow();
        }
    }
}
