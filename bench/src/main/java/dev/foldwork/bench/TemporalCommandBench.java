package dev.foldwork.bench;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.workflows.FoldSearchAttributes;
import dev.foldwork.workflows.FoldWorkflowOptions;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import dev.foldwork.workflows.client.WriteAcceptance;
import dev.foldwork.workflows.worker.TemporalDispatch;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Commands through the service in the Temporal mode, with each writer: the process-local one
 * (locks in this JVM, append, signal; what a single web did before) and the fold workflow as the
 * stream's writer (update-with-start, append in the workflow; what any number of webs do now).
 * 8 senders; the clock stops when the fold store holds every event.
 */
final class TemporalCommandBench {
    /** Commands per second until folded, and the latency percentiles of the send calls. */
    record Result(double commandsPerSecond, double p50Ms, double p99Ms) {}

    private static final TenantId TENANT = TenantId.of("bench");
    private static final String QUEUE = "bench-commands";
    private static final int SENDERS = 8;

    private TemporalCommandBench() {}

    static Result run(boolean workflowWrites, int aggregates, int commandsPerAggregate) throws Exception {
        MemoryEventStore events = new MemoryEventStore();
        MemoryFoldStore folds = new MemoryFoldStore();
        PipelineRegistry registry = PipelineRegistry.of(Pipeline.named(LedgerPipeline.NAME).aggregateType("account")
                .command("record_entry", (payload, context) -> LedgerPipeline.recordEntry(payload))
                .fold(LedgerPipeline.BALANCE).build());
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(2_000).build())
                .build());
        try {
            FoldSearchAttributes.TYPES.forEach(env::registerSearchAttribute);
            TemporalDispatch mode = TemporalDispatch.inProcess(env.getWorkerFactory(),
                    TemporalDispatcherOptions.defaults().withTaskQueue(QUEUE), FoldWorkflowOptions.defaults());
            try (Foldwork<TemporalDispatcher> foldwork = Foldwork.builder(registry)
                    .stores(events, folds, new MemoryAppendStore())
                    .dispatch(workflowWrites ? mode.writingThroughWorkflows(WriteAcceptance.whenSignalled()) : mode)
                    .build()) {
                return measure(foldwork.service(), folds, aggregates, commandsPerAggregate);
            }
        } finally {
            env.shutdown();
            env.awaitTermination(30, TimeUnit.SECONDS);
            env.close();
        }
    }

    private static Result measure(EventSourcingService service, MemoryFoldStore folds, int aggregates, int perAggregate)
            throws Exception {
        int total = aggregates * perAggregate;
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        long start = System.nanoTime();
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                senders.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long began = System.nanoTime();
                        service.send(new Command(TENANT, LedgerPipeline.NAME, "record_entry", Json.object()
                                .put("accountId", "acct-" + (i % aggregates)).put("amount", i).put("memo", "bench")));
                        latencies[i] = System.nanoTime() - began;
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        for (int a = 0; a < aggregates; a++) {
            while (folds.get(TENANT, LedgerPipeline.BALANCE.name(), "acct-" + a).map(StoredFold::version).orElse(0L) < perAggregate) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("acct-" + a + " was not folded within 10 minutes");
                }
                Thread.sleep(1);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Result(total / seconds, latencies[total / 2] / 1e6, latencies[total * 99 / 100] / 1e6);
    }
}
