package dev.foldwork.redis.groupqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.redis.testing.LocalRedis;
import dev.foldwork.redis.testing.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Leases run on the queue's lease clock: a live worker keeps its group across time in which
 * Redis answered nobody, on a redis-server of the test's own that is stopped (SIGSTOP) and
 * continued, keeping its data while its clock runs on.
 */
class LeaseClockTest {
    private static final TenantId T = TenantId.of("t1");
    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));
    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final GroupQueueOptions OPTIONS = GroupQueueOptions.defaults().withConcurrency(2).withLease(LEASE);

    @Test
    void aLiveWorkerKeepsItsGroupWhileASecondConsumerPolls() throws Exception {
        try (RedisServerProcess redis = new RedisServerProcess(); Queues queues = new Queues(redis.port())) {
            queues.startBlockedJobAndSecondConsumer();

            queues.awaitSecondConsumerClaims(Duration.ofMillis(3 * LEASE.toMillis()), 3);

            queues.releaseAndAwaitDrained();
            assertThat(queues.runs).containsExactly("first only");
        }
    }

    @Test
    void anOutageLongerThanTheLeaseDoesNotHandALiveGroupToASecondRun() throws Exception {
        try (RedisServerProcess redis = new RedisServerProcess(); Queues queues = new Queues(redis.port())) {
            queues.startBlockedJobAndSecondConsumer();

            redis.pause();
            // sent during the outage, so it is among the first calls Redis answers when it returns
            CompletableFuture<GroupQueue.Claim> claimDuringOutage = CompletableFuture.supplyAsync(() -> queues.probe.claim(1));
            await().pollDelay(LEASE.multipliedBy(3)).atMost(LEASE.multipliedBy(4)).until(() -> true);
            redis.resume();
            assertThat(claimDuringOutage.get(20, TimeUnit.SECONDS).groups()).as("groups claimed right after the outage").isEmpty();

            queues.awaitSecondConsumerClaims(Duration.ofMillis(2 * LEASE.toMillis()), 2);

            queues.releaseAndAwaitDrained();
            assertThat(queues.runs).as("runs of the job, by consumer").containsExactly("first only");
        }
    }

    /**
     * Redis's clock stepped back an hour (simulated by the lease clock's record of its last advance
     * lying an hour ahead): the step counts as no time, so a live worker keeps its group, and the
     * lease clock runs on from there, so a group whose worker is gone is claimable again after
     * about one lease, not an hour. (Workers time their renewals on the monotonic clock.)
     */
    @Test
    void aClockSteppedBackNeitherLapsesALiveGroupNorHoldsADeadOne() throws Exception {
        try (RedisServerProcess redis = new RedisServerProcess(); Queues queues = new Queues(redis.port());
             var connection = queues.client.connect()) {
            Runnable stepBackAnHour = () -> {
                List<String> time = connection.sync().time();
                long redisNowMillis = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
                connection.sync().hset(queues.first.keys().prefix() + "clock", "wall", Long.toString(redisNowMillis + 3_600_000));
            };
            queues.startBlockedJobAndSecondConsumer();
            stepBackAnHour.run();
            queues.awaitSecondConsumerClaims(Duration.ofMillis(3 * LEASE.toMillis()), 3);
            queues.releaseAndAwaitDrained();
            assertThat(queues.runs).as("the live worker's group stayed with it").containsExactly("first only");
            queues.firstConsumer.close();
            queues.secondConsumer.close();

            // a worker that claims a group and is gone, then the clock steps back
            queues.probe.stage(List.of(StagedJob.inGroup(T, "orphan", "job"))).join();
            assertThat(queues.probe.claim(1).groups()).extracting(ClaimedGroup::group).containsExactly("t1:orphan");
            long claimedAt = System.nanoTime();
            stepBackAnHour.run();
            await().atMost(LEASE.multipliedBy(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !queues.probe.claim(1).groups().isEmpty());
            assertThat(Duration.ofNanos(System.nanoTime() - claimedAt)).isGreaterThanOrEqualTo(LEASE.dividedBy(2));
        }
    }

    /** Two consumers and a bare client on one queue, each with a connection of its own. */
    private static final class Queues implements AutoCloseable {
        final List<String> runs = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final RedisClient client;
        final String name = LocalRedis.uniqueQueue("lease-clock");
        final SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
        final GroupQueue first;
        final GroupQueue second;
        final GroupQueue probe;
        GroupQueueConsumer firstConsumer;
        GroupQueueConsumer secondConsumer;

        Queues(int port) {
            client = LocalRedis.client(port);
            first = GroupQueue.open(client, name, OPTIONS, new GroupQueueMetrics(new SimpleMeterRegistry(), name));
            second = GroupQueue.open(client, name, OPTIONS, new GroupQueueMetrics(secondMeters, name));
            probe = GroupQueue.open(client, name, OPTIONS, new GroupQueueMetrics(new SimpleMeterRegistry(), name));
        }

        /** The first consumer runs the job of group g, which blocks until released; then a second consumer starts. */
        void startBlockedJobAndSecondConsumer() {
            first.stage(List.of(StagedJob.inGroup(T, "g", "only"))).join();
            firstConsumer = new GroupQueueConsumer(first, blockingHandler("first"));
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.contains("first only"));
            secondConsumer = new GroupQueueConsumer(second, blockingHandler("second"));
        }

        /** Waits at least {@code atLeast} and until the second consumer claimed {@code times} more times. */
        void awaitSecondConsumerClaims(Duration atLeast, int times) {
            double before = secondClaims();
            await().pollDelay(atLeast).atMost(atLeast.plusSeconds(10)).until(() -> secondClaims() >= before + times);
        }

        void releaseAndAwaitDrained() {
            release.countDown();
            GroupQueueAdmin admin = new GroupQueueAdmin(first);
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.snapshot().depth() == 0
                    && firstConsumer.running() == 0 && secondConsumer.running() == 0);
        }

        private double secondClaims() {
            return secondMeters.get("foldwork.groupqueue.claims").counter().count();
        }

        private JobHandler blockingHandler(String consumer) {
            return new JobHandler() {
                @Override
                public GroupRun run(ClaimedGroup claim) {
                    claim.jobs().forEach(job -> runs.add(consumer + " " + job.body()));
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return GroupRun.all(claim);
                }

                @Override
                public FailureRule failureRule(ClaimedJob job) {
                    return new FailureRule(QUICK, GroupOutcome.Action.DEAD);
                }
            };
        }

        @Override
        public void close() {
            release.countDown();
            if (secondConsumer != null) {
                secondConsumer.close();
            }
            if (firstConsumer != null) {
                firstConsumer.close();
            }
            first.close();
            second.close();
            probe.close();
            client.shutdown();
        }
    }
}
