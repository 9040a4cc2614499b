package dev.foldwork.redis.groupqueue;

import static dev.foldwork.redis.groupqueue.QueueFixture.FAST;
import static dev.foldwork.redis.groupqueue.QueueFixture.QUICK;
import static dev.foldwork.redis.groupqueue.QueueFixture.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A lease that lapses hands its group to the next claim, whose report counts and the old one's
 * not; a job whose workers keep dying runs out of attempts. Against the real local Redis.
 */
class LapsedLeaseTakeoverTest {
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
}
