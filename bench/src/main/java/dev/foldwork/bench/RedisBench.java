package dev.foldwork.bench;

import dev.foldwork.core.dispatch.redis.ProcessRole;
import dev.foldwork.core.dispatch.redis.RedisDispatcherOptions;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.groupqueue.ClaimedGroup;
import dev.foldwork.core.groupqueue.ClaimedJob;
import dev.foldwork.core.groupqueue.GroupOutcome;
import dev.foldwork.core.groupqueue.GroupQueue;
import dev.foldwork.core.groupqueue.GroupQueueAdmin;
import dev.foldwork.core.groupqueue.GroupQueueConsumer;
import dev.foldwork.core.groupqueue.GroupQueueMetrics;
import dev.foldwork.core.groupqueue.GroupQueueOptions;
import dev.foldwork.core.groupqueue.JobHandler;
import dev.foldwork.core.groupqueue.StageBatcher;
import dev.foldwork.core.groupqueue.StagedJob;
import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.LedgerChecks;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LocalRedis;
import dev.foldwork.core.testing.RedisEventSourcing;
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

/**
 * The Redis group queue on the local Redis. drain: 50,000 no-op jobs already staged over 1,000
 * groups, one consumer at concurrency 50. mixed: a producer stages 50,000 jobs over 1,000 groups
 * while the consumer runs. fold: ledger events end to end through the Redis mode with memory
 * stores, until every reaction ran. Every job carries its place in its group; a job that runs
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

    private GroupQueue open(String name) {
        return GroupQueue.open(client, name, GroupQueueOptions.defaults().withConcurrency(CONCURRENCY),
                new GroupQueueMetrics(new SimpleMeterRegistry(), name));
    }

    private static StagedJob job(int index, int groups) {
        return StagedJob.inGroup(TENANT, "g" + (index % groups), Integer.toString(index / groups));
    }

    double drain(int jobs, int groups) throws Exception {
        String name = LocalRedis.uniqueQueue("bench-drain");
        try (GroupQueue queue = open(name)) {
            List<StagedJob> batch = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                batch.add(job(i, groups));
                if (batch.size() == 1000) {
                    queue.stage(batch).join();
                    batch.clear();
                }
            }
            OrderCheck check = new OrderCheck();
            long start = System.nanoTime();
            try (GroupQueueConsumer consumer = new GroupQueueConsumer(queue, check)) {
                waitFor(() -> check.done.get() >= jobs, "drain");
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("redis drain: %d jobs over %d groups in %.2f s%n", jobs, groups, seconds);
                return jobs / seconds;
            } finally {
                new GroupQueueAdmin(queue).deleteAll();
            }
        }
    }

    double mixed(int jobs, int groups) throws Exception {
        String name = LocalRedis.uniqueQueue("bench-mixed");
        try (GroupQueue queue = open(name); StageBatcher stager = new StageBatcher(queue)) {
            OrderCheck check = new OrderCheck();
            long start = System.nanoTime();
            try (GroupQueueConsumer consumer = new GroupQueueConsumer(queue, check)) {
                List<StagedJob> batch = new ArrayList<>();
                for (int i = 0; i < jobs; i++) {
                    batch.add(job(i, groups));
                    if (batch.size() == 100) {
                        stager.submit(batch).join();
                        batch.clear();
                    }
                }
                waitFor(() -> check.done.get() >= jobs, "mixed");
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("redis mixed: %d jobs over %d groups in %.2f s (producing and consuming)%n", jobs, groups, seconds);
                return jobs / seconds;
            } finally {
                new GroupQueueAdmin(queue).deleteAll();
            }
        }
    }

    double fold(int aggregates, int eventsPerAggregate) throws Exception {
        String name = LocalRedis.uniqueQueue("bench-fold");
        AtomicLong reactions = new AtomicLong();
        MemoryEventStore events = new MemoryEventStore();
        MemoryFoldStore folds = new MemoryFoldStore();
        int producers = 8;
        ExecutorService senders = Executors.newFixedThreadPool(producers);
        try (RedisEventSourcing es = RedisEventSourcing.start(client, name,
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
            System.out.printf("redis fold: %d events over %d aggregates in %.2f s (send, stage, fold, map, react)%n",
                    total, aggregates, seconds);
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
