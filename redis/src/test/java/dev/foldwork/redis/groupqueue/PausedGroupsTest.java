package dev.foldwork.redis.groupqueue;

import static dev.foldwork.redis.groupqueue.QueueFixture.FAST;
import static dev.foldwork.redis.groupqueue.QueueFixture.QUICK;
import static dev.foldwork.redis.groupqueue.QueueFixture.T;
import static dev.foldwork.redis.groupqueue.QueueFixture.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pausing a group or a scope of groups holds their jobs, in order, until resumed, shedding only
 * hints beyond a cap; a held group's jobs can be paged through. Against the real local Redis.
 */
class PausedGroupsTest {
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
}
