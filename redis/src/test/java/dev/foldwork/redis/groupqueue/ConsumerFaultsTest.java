package dev.foldwork.redis.groupqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.domain.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A consumer facing its own bugs and a lease it lost while alive, against the real local Redis. */
class ConsumerFaultsTest {
    private static final TenantId T = TenantId.of("t1");
    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));

    @Test
    void aBugOutsideTheHandlersRunFailsThatAttemptOnlyAndTheGroupGoesOn() throws Exception {
        GroupQueueOptions options = GroupQueueOptions.defaults().withConcurrency(2).withLease(Duration.ofSeconds(2));
        try (QueueFixture f = new QueueFixture("bug-outside", options)) {
            AtomicInteger runs = new AtomicInteger();
            List<String> ran = new CopyOnWriteArrayList<>();
            JobHandler buggy = new JobHandler() {
                @Override
                public GroupRun run(ClaimedGroup claim) {
                    if (runs.incrementAndGet() == 1) {
                        return new GroupRun(claim.jobs().size() + 5, null); // a count no claim can have
                    }
                    claim.jobs().forEach(job -> ran.add(job.body()));
                    return GroupRun.all(claim);
                }

                @Override
                public FailureRule failureRule(ClaimedJob job) {
                    return new FailureRule(QUICK, GroupOutcome.Action.DEAD);
                }
            };
            f.stage(StagedJob.inGroup(T, "g", "first"), StagedJob.inGroup(T, "g", "second"));
            GroupQueueConsumer consumer = f.consume(buggy);

            await().atMost(Duration.ofSeconds(20)).until(() -> ran.containsAll(List.of("first", "second")));
            await().atMost(Duration.ofSeconds(5)).until(() -> consumer.running() == 0 && f.admin.snapshot().depth() == 0);
            assertThat(ran).containsExactly("first", "second");
            assertThat(f.admin.deadLetters()).isEmpty();
        }
    }

    @Test
    void aWorkerThatLostItsLeaseStopsItsRunBeforeTheNextJob() throws Exception {
        GroupQueueOptions options = GroupQueueOptions.defaults().withConcurrency(2).withLease(Duration.ofMillis(600));
        try (QueueFixture f = new QueueFixture("lost-lease", options)) {
            AtomicBoolean firstStarted = new AtomicBoolean();
            AtomicBoolean sawLoss = new AtomicBoolean();
            AtomicReference<String> lostToken = new AtomicReference<>();
            List<String> ran = new CopyOnWriteArrayList<>();
            JobHandler slow = new JobHandler() {
                @Override
                public GroupRun run(ClaimedGroup claim) {
                    for (int i = 0; i < claim.jobs().size(); i++) {
                        if (!claim.lease().held()) {
                            sawLoss.set(true);
                            return new GroupRun(i, new LeaseLostException(claim.group()));
                        }
                        ran.add(claim.token() + " " + claim.jobs().get(i).body());
                        if (i == 0 && firstStarted.compareAndSet(false, true)) {
                            lostToken.set(claim.token());
                            // the first job runs until this process learns it lost the lease
                            await().atMost(Duration.ofSeconds(10)).until(() -> !claim.lease().held());
                        }
                    }
                    return GroupRun.all(claim);
                }

                @Override
                public FailureRule failureRule(ClaimedJob job) {
                    return new FailureRule(QUICK, GroupOutcome.Action.DEAD);
                }
            };
            f.stage(StagedJob.inGroup(T, "g", "first"), StagedJob.inGroup(T, "g", "second"));
            f.consume(slow);
            await().atMost(Duration.ofSeconds(10)).untilTrue(firstStarted);

            // what a takeover after a stall looks like to Redis: the group's lease now names another claim
            String group = QueueKeys.group(T, "g");
            try (var connection = f.client.connect()) {
                connection.sync().hset(f.queue.keys().prefix() + "lease", group, "999999|taken-over");
            }

            await().atMost(Duration.ofSeconds(10)).untilTrue(sawLoss);
            // the lost run stopped before its second job (a later claim of the group runs both)
            assertThat(ran).filteredOn(run -> run.startsWith(lostToken.get() + " "))
                    .containsExactly(lostToken.get() + " first");
        }
    }

    @Test
    void closeReturnsWithinTwentyFiveSecondsWhileAJobBlocksAndAnotherWorkerTakesItsGroupOver() throws Exception {
        GroupQueueOptions options = GroupQueueOptions.defaults().withConcurrency(2).withLease(Duration.ofSeconds(2));
        try (QueueFixture f = new QueueFixture("close-blocked", options)) {
            CountDownLatch release = new CountDownLatch(1);
            List<String> runs = new CopyOnWriteArrayList<>();
            JobHandler handler = new JobHandler() {
                @Override
                public GroupRun run(ClaimedGroup claim) {
                    runs.add(claim.token());
                    if (runs.size() == 1) {
                        awaitIgnoringInterrupts(release); // the worst case: a job that does not heed close()'s interrupt
                    }
                    return GroupRun.all(claim);
                }

                @Override
                public FailureRule failureRule(ClaimedJob job) {
                    return new FailureRule(QUICK, GroupOutcome.Action.DEAD);
                }
            };
            try {
                f.stage(StagedJob.inGroup(T, "stuck", "long"));
                GroupQueueConsumer stopping = f.consume(handler);
                await().atMost(Duration.ofSeconds(10)).until(() -> runs.size() == 1);

                long from = System.nanoTime();
                stopping.close();
                long closeMillis = (System.nanoTime() - from) / 1_000_000;
                assertThat(closeMillis).as("ms close() took with a job blocked").isLessThan(25_000);
                // close() left the group as it was: claimed under the stopped worker's lease, its job not done
                assertThat(f.admin.snapshot().activeGroups()).isEqualTo(1);
                assertThat(f.admin.snapshot().depth()).isEqualTo(1);

                f.consume(handler);
                await().atMost(Duration.ofSeconds(15)).until(() -> runs.size() == 2); // once the lease lapsed
                assertThat(runs.get(1)).as("a claim of its own").isNotEqualTo(runs.get(0));
                await().atMost(Duration.ofSeconds(5)).until(() -> f.admin.snapshot().depth() == 0);
                assertThat(f.admin.deadLetters()).isEmpty();
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void aLongJobWithNothingReadyCostsAtMostTwoClaimsASecondAndAStagedJobStillStartsAtOnce() throws Exception {
        GroupQueueOptions options = GroupQueueOptions.defaults().withConcurrency(4).withLease(Duration.ofSeconds(30));
        try (QueueFixture f = new QueueFixture("no-polling", options)) {
            AtomicBoolean release = new AtomicBoolean();
            List<String> started = new CopyOnWriteArrayList<>();
            JobHandler handler = new JobHandler() {
                @Override
                public GroupRun run(ClaimedGroup claim) {
                    started.add(claim.jobs().get(0).body());
                    if (claim.jobs().get(0).body().equals("long")) {
                        await().atMost(Duration.ofSeconds(30)).untilTrue(release);
                    }
                    return GroupRun.all(claim);
                }

                @Override
                public FailureRule failureRule(ClaimedJob job) {
                    return new FailureRule(QUICK, GroupOutcome.Action.DEAD);
                }
            };
            f.stage(StagedJob.inGroup(T, "long", "long"));
            f.consume(handler);
            await().atMost(Duration.ofSeconds(10)).until(() -> started.contains("long"));

            double claimsBefore = claims(f);
            long from = System.nanoTime();
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
            double seconds = (System.nanoTime() - from) / 1e9;
            assertThat((claims(f) - claimsBefore) / seconds).as("claim calls per second").isLessThanOrEqualTo(2.0);

            long stagedAt = System.nanoTime();
            f.stage(StagedJob.inGroup(T, "quick", "quick"));
            await().atMost(Duration.ofSeconds(5)).until(() -> started.contains("quick"));
            assertThat((System.nanoTime() - stagedAt) / 1_000_000).as("ms until a staged job started").isLessThan(500);
            release.set(true);
        }
    }

    @Test
    void aPermanentFailureSkipsTheRetries() throws Exception {
        GroupQueueOptions options = GroupQueueOptions.defaults().withConcurrency(2).withLease(Duration.ofSeconds(2));
        try (QueueFixture f = new QueueFixture("permanent", options)) {
            RetryPolicy slow = new RetryPolicy(25, Duration.ofMinutes(1), 2.0, Duration.ofMinutes(10));
            JobHandler handler = new JobHandler() {
                @Override
                public GroupRun run(ClaimedGroup claim) {
                    return new GroupRun(0, new PermanentJobException("malformed job body: " + claim.jobs().get(0).body()));
                }

                @Override
                public FailureRule failureRule(ClaimedJob job) {
                    return new FailureRule(slow, GroupOutcome.Action.DEAD);
                }
            };
            f.stage(StagedJob.inGroup(T, "g", "{not json"));
            f.consume(handler);
            await().atMost(Duration.ofSeconds(10)).until(() -> !f.admin.deadLetters().isEmpty());
            assertThat(f.admin.deadLetters()).singleElement().satisfies(dead -> {
                assertThat(dead.attempts()).isEqualTo(1);
                assertThat(dead.error()).contains("malformed job body");
            });
        }
    }

    @Test
    void aClaimReplyStaysWithinItsByteBudget() throws Exception {
        GroupQueueOptions options = GroupQueueOptions.defaults().withMaxBodyBytes(100_000).withMaxClaimBytes(250_000);
        try (QueueFixture f = new QueueFixture("claim-bytes", options)) {
            String big = "x".repeat(90_000);
            List<StagedJob> jobs = new java.util.ArrayList<>();
            for (int g = 0; g < 4; g++) {
                for (int j = 0; j < 3; j++) {
                    jobs.add(StagedJob.inGroup(T, "g" + g, big));
                }
            }
            f.queue.stage(jobs).join();
            GroupQueue.Claim claim = f.queue.claim(10);
            long bytes = claim.groups().stream().flatMap(g -> g.jobs().stream()).mapToLong(j -> j.body().length()).sum();
            assertThat(bytes).isLessThanOrEqualTo(250_000);
            assertThat(claim.groups()).hasSize(1).allSatisfy(g -> assertThat(g.jobs()).hasSize(2));
            GroupQueue.Claim next = f.queue.claim(10);
            assertThat(next.groups()).as("the group left over waits first in line").hasSize(1);
        }
    }

    @Test
    void deadLettersBeyondTheRetentionAreDropped() throws Exception {
        try (QueueFixture f = new QueueFixture("retention", GroupQueueOptions.defaults())) {
            List<StagedJob> doomed = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                doomed.add(new StagedJob(StagedJob.Mode.DEAD, QueueKeys.group(T, "g" + i), "body " + i, 0, "refused"));
            }
            f.queue.stage(doomed).join();
            assertThat(f.admin.deadLetters()).hasSize(5);
            assertThat(f.admin.trimDeadLetters(3, Duration.ofDays(1))).isEqualTo(2);
            assertThat(f.admin.deadLetters()).extracting(DeadJob::body).containsExactly("body 2", "body 3", "body 4");
            await().pollDelay(Duration.ofMillis(20)).atMost(Duration.ofSeconds(1)).until(() -> true);
            assertThat(f.admin.trimDeadLetters(3, Duration.ofMillis(10))).isEqualTo(3);
            assertThat(f.admin.deadLetters()).isEmpty();
        }
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // keeps blocking, as a job stuck in a call that ignores interrupts would
            }
        }
    }

    private static double claims(QueueFixture f) {
        return f.meters.get("foldwork.groupqueue.claims").counter().count();
    }
}
