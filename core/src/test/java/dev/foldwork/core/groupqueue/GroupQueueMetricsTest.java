package dev.foldwork.core.groupqueue;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Per-tenant gauges keep their tag's values few: the tenants with most, and one row for the rest. */
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
}
