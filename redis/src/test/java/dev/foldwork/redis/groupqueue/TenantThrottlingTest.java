package dev.foldwork.redis.groupqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.domain.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tenants at their cap wait in a throttled set of their own, against the real local Redis. */
class TenantThrottlingTest {
    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));
    private static final TenantId NOISY = TenantId.of("noisy");
    private static final TenantId QUIET = TenantId.of("quiet");

    @Test
    void groupsOverTheCapAreSetAsideOnceKeepTheirAgeAndComeBackAsSlotsFree() throws Exception {
        GroupQueueOptions options = GroupQueueOptions.defaults().withConcurrency(8).withTenantCap(2);
        try (QueueFixture f = new QueueFixture("throttle", options); var redis = f.client.connect()) {
            ScriptedHandler handler = new ScriptedHandler(QUICK, GroupOutcome.Action.DEAD);
            handler.work("noisy:", 300);
            List<StagedJob> jobs = new ArrayList<>();
            for (int g = 0; g < 200; g++) {
                jobs.add(StagedJob.inGroup(NOISY, "g" + g, "x"));
            }
            f.queue.stage(jobs).join();
            f.consume(handler);

            String throttled = f.queue.keys().prefix() + "throttled";
            await().atMost(Duration.ofSeconds(30)).until(() -> redis.sync().zcard(throttled) >= 190);
            assertThat(redis.sync().zcard(f.queue.keys().prefix() + "ready")).isZero();
            double claimsBefore = claims(f);
            await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
            // a claim per completion (two slots, 300 ms each) and no re-scoring storm
            assertThat(claims(f) - claimsBefore).isLessThan(30);
            assertThat(f.admin.snapshot().oldestReadyAgeMillis()).as("throttled groups keep their age").isGreaterThan(1000);
            GroupQueueAdmin.Snapshot snapshot = f.admin.snapshot();
            f.queue.metrics().refresh(snapshot);
            assertThat(snapshot.throttledByTenant().get("noisy")).as("two slots free a group each 300 ms").isGreaterThan(150);
            assertThat(f.meters.get("foldwork.groupqueue.throttled_groups_by_tenant").tag("tenant", "noisy").gauge().value())
                    .isEqualTo(snapshot.throttledByTenant().get("noisy").doubleValue());

            f.stage(StagedJob.inGroup(QUIET, "only", "y"));
            await().atMost(Duration.ofSeconds(2)).until(() -> !handler.bodiesOf("quiet:only").isEmpty());
            handler.work("noisy:", 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> f.admin.snapshot().depth() == 0);
            assertThat(handler.attempts.stream().filter(a -> a.group().startsWith("noisy:")).count()).isEqualTo(200);
            assertThat(redis.sync().zcard(throttled)).isZero();
            assertThat(handler.overlaps).isEmpty();
        }
    }

    @Test
    void withTheDefaultsAQuietTenantIsNotStuckBehindANoisyOne() throws Exception {
        try (QueueFixture f = new QueueFixture("fair-defaults", GroupQueueOptions.defaults())) {
            ScriptedHandler handler = new ScriptedHandler(QUICK, GroupOutcome.Action.DEAD);
            handler.work("noisy:", 20);
            List<StagedJob> jobs = new ArrayList<>();
            for (int j = 0; j < 3000; j++) {
                jobs.add(StagedJob.inGroup(NOISY, "g" + (j % 300), "x"));
            }
            f.queue.stage(jobs).join();
            f.consume(handler);
            await().atMost(Duration.ofSeconds(10)).until(() -> handler.attempts.size() > 200);

            long staged = System.currentTimeMillis();
            f.stage(StagedJob.inGroup(QUIET, "only", "y"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !handler.bodiesOf("quiet:only").isEmpty());
            long waited = handler.attemptsOf("quiet:only").get(0).atMillis() - staged;
            assertThat(waited).as("ms the quiet tenant waited behind 3,000 noisy jobs").isLessThan(2000);
        }
    }

    private static double claims(QueueFixture f) {
        return f.meters.get("foldwork.groupqueue.claims").counter().count();
    }
}
