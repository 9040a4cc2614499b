package dev.foldwork.redis.groupqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.domain.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The queue's own guarantees against the real local Redis. */
class GroupQueueTest {
    static final TenantId T = TenantId.of("t1");
    static final GroupQueueOptions FAST = GroupQueueOptions.defaults().withConcurrency(8)
            .withLease(Duration.ofSeconds(2));
    static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));

    static StagedJob job(String group, String body) {
        return StagedJob.inGroup(T, group, body);
    }

    @Test
    void runsEachGroupInOrderOneJobAtATime() throws Exception {
        try (QueueFixture f = new QueueFixture("fifo", FAST.withMaxJobsPerClaim(4))) {
            ScriptedHandler handler = new ScriptedHandler(QUICK, GroupOutcome.Action.DEAD);
            f.consume(handler);
            for (int round = 0; round < 40; round++) {
                List<StagedJob> batch = new ArrayList<>();
                for (int g = 0; g < 50; g++) {
                    batch.add(job("g" + g, Integer.toString(round)));
                }
                f.queue.stage(batch).join();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> handler.attempts.size() == 2000);
            List<String> expected = IntStream.range(0, 40).mapToObj(Integer::toString).toList();
            for (int g = 0; g < 50; g++) {
                assertThat(handler.bodiesOf("t1:g" + g)).as("group g" + g).isEqualTo(expected);
            }
            assertThat(handler.overlaps).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> f.admin.snapshot().depth() == 0);
        }
    }

    @Test
    void retriesWithBackoffKeepingTheFailedJobAtTheHead() throws Exception {
        try (QueueFixture f = new QueueFixture("retry", FAST)) {
            ScriptedHandler handler = new ScriptedHandler(QUICK, GroupOutcome.Action.DEAD);
            int[] failuresLeft = {2};
            handler.fails = body -> body.equals("a") && failuresLeft[0]-- > 0;
            f.consume(handler);
            f.stage(job("g", "a"), job("g", "b"), job("g", "c"));

            await().atMost(Duration.ofSeconds(10)).until(() -> handler.bodiesOf("t1:g").size() == 3);
            var attempts = handler.attemptsOf("t1:g");
            assertThat(attempts).extracting(ScriptedHandler.Attempt::body).containsExactly("a", "a", "a", "b", "c");
            // backoffs of 100 and 200 ms, each jittered by up to 20%
            assertThat(attempts.get(1).atMillis() - attempts.get(0).atMillis()).isGreaterThanOrEqualTo(75);
            assertThat(attempts.get(2).atMillis() - attempts.get(1).atMillis()).isGreaterThanOrEqualTo(155);
            assertThat(f.meters.get("foldwork.groupqueue.retried").tag("attempt", "1").counter().count()).isEqualTo(1);
            assertThat(f.meters.get("foldwork.groupqueue.retried").tag("attempt", "2").counter().count()).isEqualTo(1);
            assertThat(f.meters.get("foldwork.groupqueue.run").timer().count()).isPositive();
            assertThat(f.meters.get("foldwork.groupqueue.wait").timer().count()).isPositive();
        }
    }

    @Test
    void deadLettersAfterTheLastAttemptAndRetriesOrDiscardsThem() throws Exception {
        try (QueueFixture f = new QueueFixture("dead", FAST)) {
            ScriptedHandler handler = new ScriptedHandler(new RetryPolicy(2, Duration.ofMillis(20), 2.0, Duration.ofSeconds(1)),
                    GroupOutcome.Action.DEAD);
            handler.fails = body -> body.startsWith("bad");
            f.consume(handler);
            f.stage(job("g", "bad-1"), job("g", "next"), job("h", "bad-2"));

            await().atMost(Duration.ofSeconds(10)).until(() -> f.admin.deadLetters().size() == 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:g").equals(List.of("next")));
            // retries are jittered, so either job may have died first
            DeadJob first = f.admin.deadLetters().stream().filter(d -> d.group().equals("t1:g")).findFirst().orElseThrow();
            assertThat(first.body()).isEqualTo("bad-1");
            assertThat(first.attempts()).isEqualTo(2);
            assertThat(first.error()).contains("scripted failure of bad-1");

            handler.fails = body -> false;
            assertThat(f.admin.retryDeadLetter(first.id())).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:g").equals(List.of("next", "bad-1")));
            String second = f.admin.deadLetters().get(0).id();
            assertThat(f.admin.discardDeadLetter(second)).isTrue();
            assertThat(f.admin.deadLetters()).isEmpty();
            assertThat(f.admin.discardDeadLetter(second)).isFalse();
            assertThat(f.meters.get("foldwork.groupqueue.dead_lettered").counter().count()).isEqualTo(2);
        }
    }

    @Test
    void parksAGroupUntilAnOperatorRetriesOrSkips() throws Exception {
        try (QueueFixture f = new QueueFixture("park", FAST)) {
            ScriptedHandler handler = new ScriptedHandler(new RetryPolicy(2, Duration.ofMillis(20), 2.0, Duration.ofSeconds(1)),
                    GroupOutcome.Action.PARK);
            handler.fails = body -> body.startsWith("poison");
            f.consume(handler);
            f.stage(job("p", "1"), job("p", "poison-a"), job("p", "2"), job("q", "poison-b"), job("q", "3"));

            await().atMost(Duration.ofSeconds(10)).until(() -> f.admin.parkedGroups().size() == 2);
            ParkedGroup parked = f.admin.parkedGroups().stream().filter(p -> p.group().equals("t1:p")).findFirst().orElseThrow();
            assertThat(parked.attempts()).isEqualTo(2);
            assertThat(parked.error()).contains("poison-a");
            assertThat(handler.bodiesOf("t1:p")).containsExactly("1");
            assertThat(handler.bodiesOf("t1:q")).isEmpty();
            f.queue.metrics().refresh(f.admin.snapshot());
            assertThat(f.meters.get("foldwork.groupqueue.parked_groups_by_tenant").tag("tenant", "t1").gauge().value())
                    .isEqualTo(2);

            handler.fails = body -> body.equals("poison-b");
            assertThat(f.admin.retryParked("t1:p")).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:p").equals(List.of("1", "poison-a", "2")));

            assertThat(f.admin.skipParked("t1:q")).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:q").equals(List.of("3")));
            assertThat(f.admin.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.body()).isEqualTo("poison-b");
                assertThat(d.error()).startsWith("skipped by an operator");
            });
            assertThat(f.admin.parkedGroups()).isEmpty();
            assertThat(f.admin.retryParked("t1:q")).isFalse();
        }
    }

    @Test
    void dedupJoinsThePendingJobAndDelaysIt() throws Exception {
        try (QueueFixture f = new QueueFixture("dedup", FAST)) {
            ScriptedHandler handler = new ScriptedHandler(QUICK, GroupOutcome.Action.DEAD);
            f.consume(handler);
            long start = System.currentTimeMillis();
            for (String body : List.of("v1", "v2", "v3")) {
                f.stage(StagedJob.dedup(T, "react:x", body, Duration.ofMillis(300)));
            }
            long lastStage = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(5)).until(() -> !handler.bodiesOf("t1:react:x").isEmpty());
            assertThat(handler.bodiesOf("t1:react:x")).containsExactly("v3");
            assertThat(handler.attempts.get(0).atMillis() - lastStage).isGreaterThanOrEqualTo(250);
            assertThat(handler.attempts.get(0).atMillis() - start).isLessThan(3000);
            assertThat(f.meters.get("foldwork.groupqueue.coalesced").counter().count()).isEqualTo(2);

            f.stage(StagedJob.dedup(T, "react:x", "v4", Duration.ofMillis(50)));
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:react:x").size() == 2);
            assertThat(handler.bodiesOf("t1:react:x")).containsExactly("v3", "v4");
        }
    }

    @Test
    void pausedGroupWaitsUntilResumed() throws Exception {
        try (QueueFixture f = new QueueFixture("pause", FAST)) {
            ScriptedHandler handler = new ScriptedHandler(QUICK, GroupOutcome.Action.DEAD);
            f.consume(handler);
            f.admin.pause("t1:held");
            f.stage(job("held", "1"), job("held", "2"), job("other", "x"));
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:other").size() == 1);
            f.stage(job("other", "y"));
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:other").size() == 2);
            assertThat(handler.bodiesOf("t1:held")).isEmpty();
            assertThat(f.admin.snapshot().depth()).isEqualTo(2);

            f.admin.resume("t1:held");
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:held").equals(List.of("1", "2")));
        }
    }

    /** A group paused (or parked) for long keeps at most maxHeldHints hints; other jobs and running groups take all. */
    @Test
    void aHeldBackGroupShedsHintsBeyondItsCapButNeverOtherJobs() throws Exception {
        try (QueueFixture f = new QueueFixture("held-hints", FAST.withMaxHeldHints(3))) {
            f.admin.pause("t1:held");
            List<StagedJob> hints = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                hints.add(StagedJob.hint(T, "held", "h" + i));
                hints.add(StagedJob.hint(T, "free", "h" + i));
            }
            GroupQueue.Staged staged = f.queue.stage(hints).join();
            assertThat(staged.staged()).isEqualTo(13);
            assertThat(staged.shed()).isEqualTo(7);
            f.stage(job("held", "map work"), job("held", "reaction"));
            assertThat(f.meters.get("foldwork.groupqueue.shed").counter().count()).isEqualTo(7);

            ScriptedHandler handler = new ScriptedHandler(QUICK, GroupOutcome.Action.DEAD);
            f.consume(handler);
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:free").size() == 10);
            f.admin.resume("t1:held");
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:held").size() == 5);
            assertThat(handler.bodiesOf("t1:held")).containsExactly("h0", "h1", "h2", "map work", "reaction");
        }
    }

    @Test
    void scopesPauseATenantOrAKindOfGroupUntilResumedAndAGroupsJobsArePaged() throws Exception {
        TenantId other = TenantId.of("t2");
        try (QueueFixture f = new QueueFixture("pause-scope", FAST)) {
            ScriptedHandler handler = new ScriptedHandler(QUICK, GroupOutcome.Action.DEAD);
            f.consume(handler);
            PauseScope tenantOne = new PauseScope("t1", "");
            PauseScope foldsOfTrace = new PauseScope(null, "fold:trace:");
            f.admin.pause(tenantOne);
            f.admin.pause(foldsOfTrace);
            assertThat(f.admin.pausedScopes()).containsExactly(foldsOfTrace, tenantOne);
            f.stage(job("fold:trace:a", "1"), job("fold:trace:a", "2"), job("map:x:1", "m"),
                    StagedJob.inGroup(other, "fold:trace:b", "t2-trace"), StagedJob.inGroup(other, "fold:eval:c", "t2-eval"));
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t2:fold:eval:c").size() == 1);
            f.stage(StagedJob.inGroup(other, "fold:eval:c", "t2-eval-2")); // a claim after the first met every group
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t2:fold:eval:c").size() == 2);
            assertThat(handler.bodiesOf("t1:fold:trace:a")).isEmpty();
            assertThat(handler.bodiesOf("t1:map:x:1")).isEmpty();
            assertThat(handler.bodiesOf("t2:fold:trace:b")).isEmpty();

            QueuePage<GroupQueueAdmin.GroupJob> first = f.admin.groupJobs("t1:fold:trace:a", 1, null);
            assertThat(first.items()).extracting(GroupQueueAdmin.GroupJob::body).containsExactly("1");
            QueuePage<GroupQueueAdmin.GroupJob> second = f.admin.groupJobs("t1:fold:trace:a", 1, first.nextCursor());
            assertThat(second.items()).extracting(GroupQueueAdmin.GroupJob::body).containsExactly("2");
            assertThat(second.nextCursor()).isNull();

            f.admin.resume(tenantOne); // t1's trace folds stay paused by the other scope
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:map:x:1").size() == 1);
            assertThat(handler.bodiesOf("t1:fold:trace:a")).isEmpty();
            f.admin.resume(foldsOfTrace);
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:fold:trace:a").equals(List.of("1", "2"))
                    && handler.bodiesOf("t2:fold:trace:b").size() == 1);
            assertThat(f.admin.pausedScopes()).isEmpty();
            assertThatThrownBy(() -> new PauseScope(null, "")).hasMessageContaining("names a tenant, a group prefix or both");
            assertThatThrownBy(() -> new PauseScope("t1", "a|b")).hasMessageContaining("group prefix");
        }
    }

    @Test
    void bodiesOver64KiBLiveOutsideTheJobsHashAndComeBackWholeThroughRetriesAndDeadLetters() throws Exception {
        try (QueueFixture f = new QueueFixture("big-bodies", FAST)) {
            var redis = f.queue.connection().sync();
            String prefix = f.queue.keys().prefix();
            String big = "{\"blob\": \"" + "é".repeat(40 * 1024) + "\"}"; // 80 KiB in UTF-8
            f.admin.pause("t1:big");
            f.stage(job("big", big), job("big", "small"));
            String bigId = f.admin.groupJobs("t1:big", 10, null).items().get(0).id();
            assertThat(redis.hstrlen(prefix + "jobs", bigId)).as("the jobs hash holds a marker").isLessThan(16);
            assertThat(f.admin.groupJobs("t1:big", 10, null).items()).extracting(GroupQueueAdmin.GroupJob::body)
                    .containsExactly(big, "small");

            ScriptedHandler handler = new ScriptedHandler(QUICK, GroupOutcome.Action.DEAD);
            boolean[] failBig = {true};
            handler.fails = body -> body.equals(big) && failBig[0];
            f.consume(handler);
            f.admin.resume("t1:big");
            await().atMost(Duration.ofSeconds(15)).until(() -> handler.bodiesOf("t1:big").equals(List.of("small")));
            assertThat(handler.attemptsOf("t1:big")).filteredOn(ScriptedHandler.Attempt::failed).extracting(ScriptedHandler.Attempt::body).containsOnly(big);
            assertThat(redis.exists(prefix + "b:" + bigId)).as("the dead letter took the body along").isZero();
            DeadJob dead = f.admin.deadLetters().get(0);
            assertThat(dead.body()).isEqualTo(big);

            failBig[0] = false;
            assertThat(f.admin.retryDeadLetter(dead.id())).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> handler.bodiesOf("t1:big").equals(List.of("small", big)));
            await().atMost(Duration.ofSeconds(5)).until(() -> redis.keys(prefix + "b:*").isEmpty());
        }
    }

    @Test
    void refusesBadGroupsAndLargeBodiesBeforeStagingAnything() throws Exception {
        try (QueueFixture f = new QueueFixture("refuse", FAST.withMaxBodyBytes(100))) {
            for (String bad : List.of("t1:{tag}", "t1:a b", "t1:new\nline", "no-tenant", "t1:*", ":x")) {
                assertThatThrownBy(() -> new StagedJob(StagedJob.Mode.IN_GROUP, bad, "b", 0, ""))
                        .isInstanceOf(InvalidGroupException.class).hasMessageContaining("is not allowed");
            }
            assertThatThrownBy(() -> job("x".repeat(400), "b")).isInstanceOf(InvalidGroupException.class);
            List<StagedJob> batch = List.of(job("ok", "small"), job("ok", "y".repeat(101)));
            assertThatThrownBy(() -> f.queue.stage(batch)).isInstanceOf(JobTooLargeException.class)
                    .hasMessageContaining("101 bytes, over the limit of 100");
            assertThat(f.admin.snapshot().depth()).isZero();
        }
    }

    @Test
    void aDeepBacklogDoesNotDelayAFreshGroup() throws Exception {
        // The bound we state: a fresh group's first job starts within 1 s while one group holds
        // 10,000 pending jobs (a claim takes at most maxJobsPerClaim jobs of a group, and groups
        // are served in the order they became ready).
        try (QueueFixture f = new QueueFixture("fair", FAST.withConcurrency(4))) {
            ScriptedHandler handler = new ScriptedHandler(QUICK, GroupOutcome.Action.DEAD);
            handler.work("t1:hot", 2);
            f.consume(handler);
            for (int batch = 0; batch < 10; batch++) {
                List<StagedJob> jobs = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    jobs.add(job("hot", Integer.toString(batch * 1000 + i)));
                }
                f.queue.stage(jobs).join();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> handler.bodiesOf("t1:hot").size() > 50);
            long staged = System.currentTimeMillis();
            f.stage(job("fresh", "first"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !handler.bodiesOf("t1:fresh").isEmpty());
            long started = handler.attemptsOf("t1:fresh").get(0).atMillis();
            assertThat(started - staged).isLessThan(1000);
            assertThat(f.admin.snapshot().depth()).isGreaterThan(5000);
        }
    }

    @Test
    void aTenantAtItsCapCannotHoldEveryWorker() throws Exception {
        try (QueueFixture f = new QueueFixture("tenants", FAST.withConcurrency(4).withTenantCap(2))) {
            ScriptedHandler handler = new ScriptedHandler(QUICK, GroupOutcome.Action.DEAD);
            handler.work("big:", 50);
            f.consume(handler);
            List<StagedJob> jobs = new ArrayList<>();
            for (int g = 0; g < 100; g++) {
                jobs.add(StagedJob.inGroup(TenantId.of("big"), "g" + g, "x"));
            }
            f.queue.stage(jobs).join();
            f.stage(StagedJob.inGroup(TenantId.of("small"), "only", "y"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !handler.bodiesOf("small:only").isEmpty());
            long bigDone = handler.attempts.stream().filter(a -> a.group().startsWith("big:")).count();
            assertThat(bigDone).isLessThan(20);
        }
    }

    @Test
    void aLapsedLeaseHandsTheGroupToTheNextClaimAndTheStaleReportIsIgnored() throws Exception {
        try (QueueFixture f = new QueueFixture("lease", FAST.withLease(Duration.ofMillis(300)))) {
            f.stage(job("g", "only"));
            GroupQueue.Claim first = f.queue.claim(10);
            assertThat(first.groups()).singleElement().satisfies(g -> assertThat(g.jobs()).hasSize(1));
            assertThat(f.queue.claim(10).groups()).isEmpty();

            GroupQueue.Claim[] second = new GroupQueue.Claim[1];
            await().atMost(Duration.ofSeconds(5)).until(() -> !(second[0] = f.queue.claim(10)).groups().isEmpty());
            assertThat(second[0].groups().get(0).jobs().get(0).body()).isEqualTo("only");

            f.queue.complete(List.of(GroupOutcome.allDone(first.groups().get(0)))).join();
            assertThat(f.admin.snapshot().depth()).isEqualTo(1);
            f.queue.complete(List.of(GroupOutcome.allDone(second[0].groups().get(0)))).join();
            assertThat(f.admin.snapshot().depth()).isZero();
            assertThat(f.meters.get("foldwork.groupqueue.stale").counter().count()).isEqualTo(1);
        }
    }

    @Test
    void aJobWhoseWorkerKeepsDyingRunsOutOfAttempts() throws Exception {
        try (QueueFixture f = new QueueFixture("stalls", FAST.withLease(Duration.ofMillis(200)))) {
            f.stage(job("g", "kills-its-worker"), job("g", "next"));
            // three workers claim the job and die (never report); each lapsed lease counts
            for (int crash = 1; crash <= QUICK.maxAttempts(); crash++) {
                int expected = crash - 1;
                await().atMost(Duration.ofSeconds(5)).until(() -> f.queue.claim(1).groups().stream()
                        .anyMatch(g -> g.jobs().get(0).failedAttempts() == expected));
            }
            ScriptedHandler handler = new ScriptedHandler(QUICK, GroupOutcome.Action.DEAD);
            f.consume(handler);
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:g").equals(List.of("next")));
            assertThat(f.admin.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.body()).isEqualTo("kills-its-worker");
                assertThat(d.attempts()).isEqualTo(QUICK.maxAttempts());
                assertThat(d.error()).contains("lease lapsed");
            });
        }
    }

    @Test
    void scriptsComeBackAfterTheScriptCacheWasFlushed() throws Exception {
        try (QueueFixture f = new QueueFixture("noscript", FAST)) {
            try (var connection = f.client.connect()) {
                connection.sync().scriptFlush();
            }
            f.stage(job("g", "after-flush"));
            assertThat(f.queue.claim(1).groups()).singleElement()
                    .satisfies(g -> assertThat(g.jobs().get(0).body()).isEqualTo("after-flush"));
        }
    }

    @Test
    void metricsShowTheQueue() throws Exception {
        try (QueueFixture f = new QueueFixture("metrics", FAST)) {
            f.admin.pause("t1:g");
            f.stage(job("g", "1"), job("g", "2"));
            f.queue.metrics().refresh(f.admin.snapshot());
            assertThat(f.meters.get("foldwork.groupqueue.staged").counter().count()).isEqualTo(2);
            assertThat(f.meters.get("foldwork.groupqueue.depth").gauge().value()).isEqualTo(2);
            assertThat(f.meters.get("foldwork.groupqueue.parked_groups").gauge().value()).isZero();
            f.admin.resume("t1:g");
            ScriptedHandler handler = new ScriptedHandler(QUICK, GroupOutcome.Action.DEAD);
            f.consume(handler);
            await().atMost(Duration.ofSeconds(5)).until(() -> f.meters.get("foldwork.groupqueue.completed").counter().count() == 2);
            assertThat(f.meters.get("foldwork.groupqueue.dispatched").counter().count()).isEqualTo(2);
        }
    }
}
