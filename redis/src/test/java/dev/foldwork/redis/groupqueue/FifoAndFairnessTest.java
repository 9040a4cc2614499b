package dev.foldwork.redis.groupqueue;

import static dev.foldwork.redis.groupqueue.QueueFixture.FAST;
import static dev.foldwork.redis.groupqueue.QueueFixture.QUICK;
import static dev.foldwork.redis.groupqueue.QueueFixture.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Each group runs its jobs in order, one at a time, and no deep group or busy tenant holds the
 * workers from the others; against the real local Redis.
 */
class FifoAndFairnessTest {
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
}
