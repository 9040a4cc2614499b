package dev.foldwork.redis.groupqueue;

import static dev.foldwork.redis.groupqueue.QueueFixture.FAST;
import static dev.foldwork.redis.groupqueue.QueueFixture.QUICK;
import static dev.foldwork.redis.groupqueue.QueueFixture.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Per-tenant gauges keep their tag's values few: the tenants with most, and one row for the rest;
 * counters count what Redis applied, not what was reported; the queue's counters and gauges show
 * what it staged, holds and ran.
 */
class GroupQueueMetricsTest {
    @Test
    void theTenantsWithMostGetRowsAndTheRestShareOne() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        GroupQueueMetrics metrics = new GroupQueueMetrics(meters, "q");
        Map<String, Long> throttled = new TreeMap<>();
        for (int t = 1; t <= 25; t++) {
            throttled.put("tenant" + t, (long) t);
        }
        metrics.refresh(new GroupQueueAdmin.Snapshot(0, 0, 0, 0, 0, 0, Map.of("solo", 3L), throttled));

        var rows = meters.find("foldwork.groupqueue.throttled_groups_by_tenant").gauges();
        assertThat(rows).hasSize(GroupQueueMetrics.TENANT_ROWS + 1);
        assertThat(meters.get("foldwork.groupqueue.throttled_groups_by_tenant").tag("tenant", "tenant25").gauge().value())
                .isEqualTo(25);
        assertThat(meters.get("foldwork.groupqueue.throttled_groups_by_tenant").tag("tenant", "other").gauge().value())
                .as("tenants 1..15").isEqualTo(120);
        assertThat(rows.stream().mapToDouble(Gauge::value).sum()).isEqualTo(325);
        assertThat(meters.get("foldwork.groupqueue.parked_groups_by_tenant").tag("tenant", "solo").gauge().value()).isEqualTo(3);

        metrics.refresh(new GroupQueueAdmin.Snapshot(0, 0, 0, 0, 0, 0, Map.of(), Map.of()));
        assertThat(meters.find("foldwork.groupqueue.throttled_groups_by_tenant").gauges()).as("rows of a past snapshot go").isEmpty();
    }

    @Test
    void aStaleReportCountsAsStaleNotAsCompleted() throws Exception {
        try (QueueFixture f = new QueueFixture("stale-metrics", FAST.withLease(Duration.ofMillis(300)))) {
            f.stage(job("g", "only"));
            ClaimedGroup first = f.queue.claim(10).groups().get(0);
            // the lease lapses unrenewed and the next claim takes the group over
            GroupQueue.Claim[] second = new GroupQueue.Claim[1];
            await().atMost(Duration.ofSeconds(5)).until(() -> !(second[0] = f.queue.claim(10)).groups().isEmpty());

            f.queue.complete(List.of(GroupOutcome.allDone(first))).join();
            f.queue.complete(List.of(new GroupOutcome(first, List.of(),
                    new GroupOutcome.Failure(first.jobs().get(0).id(), GroupOutcome.Action.DEAD, 1, "late failure", 0)))).join();
            assertThat(f.admin.snapshot().depth()).as("Redis ignored both late reports").isEqualTo(1);
            assertThat(counter(f, "completed")).isZero();
            assertThat(counter(f, "dead_lettered")).isZero();
            assertThat(counter(f, "stale")).isEqualTo(2);

            f.queue.complete(List.of(GroupOutcome.allDone(second[0].groups().get(0)))).join();
            assertThat(counter(f, "completed")).as("the current claim's report counts").isEqualTo(1);
            assertThat(counter(f, "stale")).isEqualTo(2);
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

    private static double counter(QueueFixture f, String name) {
        return f.meters.get("foldwork.groupqueue." + name).counter().count();
    }
}
