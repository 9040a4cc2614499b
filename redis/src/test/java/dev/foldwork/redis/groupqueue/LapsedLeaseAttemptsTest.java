package dev.foldwork.redis.groupqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A lapsed lease costs the head job an attempt only if its worker never calls in again: a worker
 * that was only stalled (it extends or reports later with its old token) gets the attempt back.
 * Workers are played through the queue's API against the real local Redis.
 */
class LapsedLeaseAttemptsTest {
    private static final TenantId T = TenantId.of("t1");
    private static final GroupQueueOptions SHORT_LEASE = GroupQueueOptions.defaults().withLease(Duration.ofMillis(300));

    @Test
    void aStalledWorkerThatExtendsGetsTheAttemptBackAndADeadWorkersLapseStillCounts() throws Exception {
        try (QueueFixture f = new QueueFixture("lapse-extend", SHORT_LEASE)) {
            f.stage(StagedJob.inGroup(T, "stalled", "s"), StagedJob.inGroup(T, "dead", "d"));
            List<ClaimedGroup> first = f.queue.claim(10).groups();
            assertThat(first).hasSize(2);

            List<ClaimedGroup> takenOver = takeOverAll(f, 2);
            assertThat(takenOver).allSatisfy(g -> assertThat(g.jobs().get(0).failedAttempts()).as("attempts seen by the takeover").isEqualTo(1));

            ClaimedGroup stalled = byGroup(first, "t1:stalled");
            assertThat(f.queue.extend(List.of(stalled)).join()).as("lost to the stalled worker").containsExactly("t1:stalled");
            assertThat(f.queue.extend(List.of(stalled)).join()).containsExactly("t1:stalled");
            assertThat(attempts(f, stalled)).as("the stalled worker's head job, given back once").isZero();
            assertThat(attempts(f, byGroup(first, "t1:dead"))).as("the dead worker's head job").isEqualTo(1);
        }
    }

    @Test
    void aStalledWorkersStaleReportAlsoGivesTheAttemptBack() throws Exception {
        try (QueueFixture f = new QueueFixture("lapse-report", SHORT_LEASE)) {
            f.stage(StagedJob.inGroup(T, "g", "only"));
            ClaimedGroup stalled = f.queue.claim(10).groups().get(0);
            ClaimedGroup takeover = takeOverAll(f, 1).get(0);

            f.queue.complete(List.of(GroupOutcome.allDone(stalled))).join();
            assertThat(f.meters.get("foldwork.groupqueue.stale").counter().count()).isEqualTo(1);
            assertThat(attempts(f, stalled)).isZero();

            f.queue.complete(List.of(GroupOutcome.allDone(takeover))).join();
            assertThat(f.admin.snapshot().depth()).isZero();
        }
    }

    /** Claims, as another worker, until the lease clock let the earlier claims lapse and {@code count} groups came back. */
    private static List<ClaimedGroup> takeOverAll(QueueFixture f, int count) {
        List<ClaimedGroup> takenOver = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            takenOver.addAll(f.queue.claim(10).groups());
            return takenOver.size() == count;
        });
        return takenOver;
    }

    private static ClaimedGroup byGroup(List<ClaimedGroup> groups, String group) {
        return groups.stream().filter(g -> g.group().equals(group)).findFirst().orElseThrow();
    }

    private static long attempts(QueueFixture f, ClaimedGroup claim) {
        String count = f.queue.connection().sync().hget(f.queue.keys().prefix() + "attempts", claim.jobs().get(0).id());
        return count == null ? 0 : Long.parseLong(count);
    }
}
