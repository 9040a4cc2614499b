package dev.foldwork.bench;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.LedgerChecks;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.redis.dispatch.ProcessRole;
import dev.foldwork.redis.dispatch.RedisDispatcher;
import dev.foldwork.redis.dispatch.RedisDispatcherOptions;
import dev.foldwork.redis.groupqueue.ClaimedGroup;
import dev.foldwork.redis.groupqueue.ClaimedJob;
import dev.foldwork.redis.groupqueue.GroupOutcome;
import dev.foldwork.redis.groupqueue.GroupQueue;
import dev.foldwork.redis.groupqueue.GroupQueueAdmin;
import dev.foldwork.redis.groupqueue.GroupQueueConsumer;
import dev.foldwork.redis.groupqueue.GroupQueueMetrics;
import dev.foldwork.redis.groupqueue.GroupQueueOptions;
import dev.foldwork.redis.groupqueue.JobHandler;
import dev.foldwork.redis.groupqueue.StageBatcher;
import dev.foldwork.redis.groupqueue.StagedJob;
import dev.foldwork.redis.testing.LocalRedis;
import dev.foldwork.redis.testing.RedisFoldwork;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The Redis group queue on the local Redis. drain: 50,000 no-op jobs already staged over 1,000
 * groups, one consumer at concurrency 50. mixed: a producer stages 50,000 jobs over 1,000 groups
 * while the consumer runs. fold: ledger events end to end through the Redis mode with memory
 * stores, 16 synchronous senders, until every reaction ran. Every job carries its place in its group; a job that runs
 * out of place counts as a FIFO violation, and so does a fold state that differs from a
 * sequential fold of the event store.
 */
public final class RedisBench {
    static final int JOBS = 50_000;
    static final int GROUPS = 1_000;
    static final int CONCURRENCY = 50;
    static final TenantId TENANT = TenantId.of("bench");

    private final RedisClient client = LocalRedis.client();
    private final AtomicLong violations = new AtomicLong();

    private RedisBench() {}

    public static void main(String[] args) throws Exception {
        RedisBench bench = new RedisBench();
        try {
            if (Boolean.getBoolean("foldwork.bench.fold-only")) { // the fold phase alone, e.g. under a profiler
                bench.fold(100, 10);
                System.out.printf("RESULT redis fold_events_per_s=%.0f fifo_violations=%d%n", bench.fold(1_000, 20),
                        bench.violations.get());
                return;
            }
            bench.drain(5_000, 100);
            bench.mixed(5_000, 100);
            bench.fold(100, 10);
            bench.violations.set(0);
            double drain = bench.drain(JOBS, GROUPS);
            double mixed = bench.mixed(JOBS, GROUPS);
            double fold = bench.fold(1_000, 20);
            System.out.printf("RESULT redis drain_jobs_per_s=%.0f mixed_jobs_per_s=%.0f fold_events_per_s=%.0f fifo_violations=%d%n",
                    drain, mixed, fold, bench.violations.get());
        } finally {
            bench.client.shutdown();
        }
    }

    /** Checks that each group's jobs arrive as 0, 1, 2, ... and counts them. */
    private final class OrderCheck implements JobHandler {
        final Map<String, Integer> next = new ConcurrentHashMap<>();
        final AtomicLong done = new AtomicLong();

        @Override
        public GroupRun run(ClaimedGroup claim) {
            for (ClaimedJob job : claim.jobs()) {
                int place = Integer.parseInt(job.body());
                int expected = next.getOrDefault(claim.group(), 0);
                if (place != expected) {
                    violations.incrementAndGet();
                }
                next.put(claim.group(), place + 1);
            }
            done.addAndGet(claim.jobs().size());
            return GroupRun.all(claim);
        }

        @Override
        public FailureRule failureRule(ClaimedJob job) {
            return new FailureRule(RetryPolicy.of(3, Duration.ofMillis(10)), GroupOutcome.Action.DEAD);
        }
    }

    private GroupQueue open(String test) {
        String name = LocalRedis.uniqueQueue(test);
        return GroupQueue.open(client, name, GroupQueueOptions.defaults().withConcurrency(CONCURRENCY),
                new GroupQueueMetrics(new SimpleMeterRegistry(), name));
    }

    /** Stages jobs 0..n-1 round robin over the groups, each job's body its place in its group. */
    private static void produce(int jobs, int groups, int batchSize, Consumer<List<StagedJob>> stage) {
        List<StagedJob> batch = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            batch.add(StagedJob.inGroup(TENANT, "g" + (i % groups), Integer.toString(i / groups)));
            if (batch.size() == batchSize || i == jobs - 1) {
                stage.accept(List.copyOf(batch));
                batch.clear();
            }
        }
    }

    double drain(int jobs, int groups) throws Exception {
        try (GroupQueue queue = open("bench-drain")) {
            produce(jobs, groups, 1000, batch -> queue.stage(batch).join());
            return consume(queue, jobs, groups, "drain", () -> {});
        }
    }

    double mixed(int jobs, int groups) throws Exception {
        try (GroupQueue queue = open("bench-mixed"); StageBatcher stager = new StageBatcher(queue)) {
            return consume(queue, jobs, groups, "mixed (producing and consuming)",
                    () -> produce(jobs, groups, 100, batch -> stager.submit(batch).join()));
        }
    }

    /** Runs one consumer, and {@code alongside} on this thread, until every job ran; jobs per second. */
    private double consume(GroupQueue queue, int jobs, int groups, String what, Runnable alongside) throws Exception {
        OrderCheck check = new OrderCheck();
        long start = System.nanoTime();
        try (GroupQueueConsumer consumer = new GroupQueueConsumer(queue, check)) {
            alongside.run();
            waitFor(() -> check.done.get() >= jobs, what);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("redis %s: %d jobs over %d groups in %.2f s%n", what, jobs, groups, seconds);
            return jobs / seconds;
        } finally {
            new GroupQueueAdmin(queue).deleteAll();
        }
    }

    double fold(int aggregates, int eventsPerAggregate) throws Exception {
        String name = LocalRedis.uniqueQueue("bench-fold");
        AtomicLong reactions = new AtomicLong();
        MemoryEventStore events = new MemoryEventStore();
        MemoryFoldStore folds = new MemoryFoldStore();
        int producers = 16; // as the Redis issue measures it
        ExecutorService senders = Executors.newFixedThreadPool(producers);
        try (Foldwork<RedisDispatcher> es = RedisFoldwork.start(client, name,
                LedgerPipeline.registry((context, event) -> reactions.incrementAndGet()), events, folds, new MemoryAppendStore(),
                GroupQueueOptions.defaults().withConcurrency(CONCURRENCY), RedisDispatcherOptions.defaults(ProcessRole.WORKER))) {
            long start = System.nanoTime();
            List<Future<?>> sent = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                sent.add(senders.submit(() -> {
                    for (int round = 0; round < eventsPerAggregate; round++) {
                        for (int a = producer; a < aggregates; a += producers) {
                            es.service().send(LedgerChecks.entry(TENANT, "acct-" + a, round, "r" + round));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            double sending = (System.nanoTime() - start) / 1e9;
            long total = (long) aggregates * eventsPerAggregate;
            waitFor(() -> reactions.get() >= total, "fold");
            double seconds = (System.nanoTime() - start) / 1e9;
            for (int a = 0; a < aggregates; a++) {
                String account = "acct-" + a;
                if (!LedgerChecks.storedBalance(folds, TENANT, account)
                        .equals(java.util.Optional.of(LedgerChecks.sequentialBalance(events, TENANT, account)))) {
                    violations.incrementAndGet();
                }
            }
            System.out.printf("redis fold: %d events over %d aggregates in %.2f s (send, stage, fold, map, react; sent in %.2f s)%n",
                    total, aggregates, seconds, sending);
            es.dispatcher().admin().deleteAll();
            return total / seconds;
        } finally {
            senders.shutdownNow();
        }
    }

    private static void waitFor(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + what + " run did not finish within 5 minutes");
            }
            Thread.sleep(2); // polling a counter; the clock is read when it is reached
        }
    }
}
