package dev.foldwork.bench;

import dev.foldwork.activities.FoldStateActivitiesImpl;
import dev.foldwork.core.Foldwork;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.StoredStates;
import dev.foldwork.core.service.EventIds;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.workflows.FoldSearchAttributes;
import dev.foldwork.workflows.FoldWorkflowOptions;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import dev.foldwork.workflows.worker.TemporalDispatch;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal mode on the in-process test server, against a naive design (one signal and one
 * persist activity per event), in two shapes: one hot aggregate with 10,000 events, and 1,000
 * aggregates with 10 events each from 8 producer threads. Producers call the dispatcher once per
 * event without waiting in between (as many concurrent commands would); the clock stops when the
 * fold store holds every event. The pipeline has one fold and nothing else, so the numbers are
 * about dispatch and persistence. Each measurement gets a fresh test server. Both designs load
 * a run's state once (local activity) and persist through a normal activity. Then commands
 * through the service with each stream writer ({@link TemporalCommandBench}).
 */
public final class TemporalBench {
    private static final TenantId TENANT = TenantId.of("bench");
    private static final AggregateType ACCOUNT = AggregateType.of("account");
    private static final String QUEUE = "bench-folds";
    private static final int PRODUCERS = 8;

    private final EventIds ids = new EventIds(Clock.systemUTC());

    private TemporalBench() {}

    public static void main(String[] args) throws Exception {
        TemporalBench bench = new TemporalBench();
        bench.design(1, 1_000); // warm up the JIT
        bench.naive(1, 200);

        double hot = bench.design(1, 10_000);
        double hotNaive = bench.naive(1, 10_000);
        double many = bench.design(1_000, 10);
        double manyNaive = bench.naive(1_000, 10);
        TemporalCommandBench.run(true, 1, 300); // warm up the writer's path
        List<TemporalCommandBench.Result> commands = new ArrayList<>();
        for (boolean workflowWrites : new boolean[] {false, true}) {
            for (int[] shape : new int[][] {{1, 2_000}, {200, 10}}) {
                TemporalCommandBench.Result result = TemporalCommandBench.run(workflowWrites, shape[0], shape[1]);
                System.out.printf("commands (%s writer): %d aggregates x %d: %.0f/s, p50 %.1f ms, p99 %.1f ms%n",
                        workflowWrites ? "workflow" : "local", shape[0], shape[1], result.commandsPerSecond(), result.p50Ms(),
                        result.p99Ms());
                commands.add(result);
            }
        }
        System.out.printf("RESULT temporal hot_events_per_s=%.0f hot_naive_events_per_s=%.0f hot_ratio=%.1f"
                        + " many_events_per_s=%.0f many_naive_events_per_s=%.0f many_ratio=%.1f"
                        + " hot_commands_local_per_s=%.0f many_commands_local_per_s=%.0f command_local_p50_ms=%.1f"
                        + " hot_commands_workflow_per_s=%.0f many_commands_workflow_per_s=%.0f command_workflow_p50_ms=%.1f%n",
                hot, hotNaive, hot / hotNaive, many, manyNaive, many / manyNaive,
                commands.get(0).commandsPerSecond(), commands.get(1).commandsPerSecond(), commands.get(1).p50Ms(),
                commands.get(2).commandsPerSecond(), commands.get(3).commandsPerSecond(), commands.get(3).p50Ms());
    }

    private static PipelineRegistry registry() {
        return PipelineRegistry.of(Pipeline.named(LedgerPipeline.NAME).aggregateType(ACCOUNT.value())
                .fold(LedgerPipeline.BALANCE).build());
    }

    /** This design: the Temporal dispatcher and the fold workflow. Returns events per second. */
    double design(int aggregates, int eventsPerAggregate) throws Exception {
        MemoryFoldStore store = new MemoryFoldStore();
        MemoryEventStore log = new MemoryEventStore();
        TestWorkflowEnvironment env = newServer();
        try {
            FoldSearchAttributes.TYPES.forEach(env::registerSearchAttribute);
            try (Foldwork<TemporalDispatcher> foldwork = Foldwork.builder(registry())
                    .stores(log, store, new MemoryAppendStore())
                    .dispatch(TemporalDispatch.inProcess(env.getWorkerFactory(),
                            TemporalDispatcherOptions.defaults().withTaskQueue(QUEUE), FoldWorkflowOptions.defaults()))
                    .build()) {
                TemporalDispatcher dispatcher = foldwork.dispatcher();
                return measure("design", aggregates, eventsPerAggregate, store, events -> {
                    List<CompletableFuture<Void>> accepted = new ArrayList<>(events.size());
                    for (Event event : events) {
                        log.append(TENANT, List.of(event)); // the log is the truth: stored before it is dispatched
                        accepted.add(dispatcher.dispatch(List.of(event)));
                    }
                    CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).join();
                });
            }
        } finally {
            stop(env);
        }
    }

    /** The naive design: each event is its own signalWithStart, sent in order per aggregate. */
    double naive(int aggregates, int eventsPerAggregate) throws Exception {
        MemoryFoldStore store = new MemoryFoldStore();
        TestWorkflowEnvironment env = newServer();
        try {
            Worker worker = env.newWorker(QUEUE);
            worker.registerWorkflowImplementationTypes(NaiveFoldWorkflowImpl.class);
            worker.registerActivitiesImplementations(new FoldStateActivitiesImpl(registry(), new MemoryEventStore(), store, new StoredStates()));
            env.start();
            WorkflowClient client = env.getWorkflowClient();
            return measure("naive", aggregates, eventsPerAggregate, store, events -> {
                for (Event event : events) {
                    FoldGroupId group = groupOf(event.aggregateId());
                    NaiveFoldWorkflow stub = client.newWorkflowStub(NaiveFoldWorkflow.class, WorkflowOptions.newBuilder()
                            .setWorkflowId("naive:" + group).setTaskQueue(QUEUE).build());
                    var request = client.newSignalWithStartRequest();
                    request.add(stub::run, group);
                    request.add(stub::event, event);
                    client.signalWithStart(request);
                }
            });
        } finally {
            stop(env);
        }
    }

    /** Lets the workers finish their tasks before the server goes, so nothing is cut off mid-task. */
    private static void stop(TestWorkflowEnvironment env) {
        env.shutdown();
        env.awaitTermination(30, TimeUnit.SECONDS);
        env.close();
    }

    @FunctionalInterface
    private interface Producer {
        void send(List<Event> events) throws Exception;
    }

    /** 1 aggregate: one producer; many: 8 producers, each owning every 8th aggregate, sending round by round. */
    private double measure(String design, int aggregates, int eventsPerAggregate, MemoryFoldStore store, Producer producer)
            throws Exception {
        int producers = aggregates == 1 ? 1 : PRODUCERS;
        List<List<Event>> work = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            List<Event> events = new ArrayList<>();
            for (int round = 0; round < eventsPerAggregate; round++) {
                for (int a = p; a < aggregates; a += producers) {
                    events.add(entry("acct-" + a, round));
                }
            }
            work.add(events);
        }
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try {
            long start = System.nanoTime();
            List<Future<?>> sent = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int index = p;
                sent.add(pool.submit(() -> {
                    producer.send(work.get(index));
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            double accepted = (System.nanoTime() - start) / 1e9;
            awaitFolded(store, aggregates, eventsPerAggregate);
            double seconds = (System.nanoTime() - start) / 1e9;
            long events = (long) aggregates * eventsPerAggregate;
            System.out.printf("%s: %d aggregates x %d events in %.2f s (all signals accepted after %.2f s)%n",
                    design, aggregates, eventsPerAggregate, seconds, accepted);
            return events / seconds;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls the store until every aggregate's fold consumed all its events; fails after 10 minutes. */
    private static void awaitFolded(MemoryFoldStore store, int aggregates, int eventsPerAggregate) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        for (int a = 0; a < aggregates; a++) {
            while (store.get(TENANT, LedgerPipeline.BALANCE.name(), "acct-" + a).map(StoredFold::version).orElse(0L)
                    < eventsPerAggregate) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("acct-" + a + " was not folded within 10 minutes");
                }
                Thread.sleep(1);
            }
        }
    }

    /** The account's entry of {@code round}: its seq is round + 1. */
    private Event entry(String account, long round) {
        EventIds.Stamp stamp = ids.next();
        return new Event(stamp.id(), TENANT, ACCOUNT, account, round + 1, stamp.timestamp(), "EntryRecorded", 1,
                Json.toNode(new LedgerPipeline.EntryLine(account, round, "bench")));
    }

    private static FoldGroupId groupOf(String account) {
        return new FoldGroupId(TENANT, LedgerPipeline.NAME, ACCOUNT, account);
    }

    /** Both designs get workers whose cache holds all 1,000 open workflows, as a production worker would be sized. */
    private static TestWorkflowEnvironment newServer() {
        return TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(2_000).build())
                .build());
    }
}
