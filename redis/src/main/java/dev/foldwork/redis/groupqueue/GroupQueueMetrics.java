package dev.foldwork.redis.groupqueue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micrometer meters of one queue, tagged {@code queue=<name>}. Counters count what this process
 * did; the gauges show the whole queue as of the last {@link #refresh} (the consumer refreshes
 * them every few seconds), so reading a gauge never waits on Redis.
 */
public final class GroupQueueMetrics {
    private static final String PREFIX = "foldwork.groupqueue.";
    /** Tenants with a gauge row of their own; the rest share the row {@code tenant=other}, so the tag's values stay few. */
    static final int TENANT_ROWS = 10;
    static final String OTHER_TENANTS = "other";

    private final Counter staged;
    private final DistributionSummary stageCallBytes;
    private final Counter dispatched;
    private final Counter claims;
    private final Counter completed;
    private final Map<String, Counter> retriesByAttempt = new ConcurrentHashMap<>();
    private final Map<String, Timer> waits = new ConcurrentHashMap<>();
    private final Map<String, Timer> runs = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final String queue;
    private final Counter deadLettered;
    private final Counter parked;
    private final Counter coalesced;
    private final Counter shed;
    private final Counter stale;
    private final AtomicLong parkedGroups = new AtomicLong();
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong oldestReadyAgeMillis = new AtomicLong();
    private final MultiGauge parkedByTenant;
    private final MultiGauge throttledByTenant;

    public GroupQueueMetrics(MeterRegistry registry, String queue) {
        this.registry = registry;
        this.queue = queue;
        staged = counter(registry, queue, "staged", "jobs staged");
        // its count is the stage script calls, so batching shows as jobs staged per call
        stageCallBytes = DistributionSummary.builder(PREFIX + "stage_call_bytes").tag("queue", queue).baseUnit("bytes")
                .description("job body bytes of one stage script call").register(registry);
        dispatched = counter(registry, queue, "dispatched", "jobs claimed by a worker");
        claims = counter(registry, queue, "claims", "claim script calls");
        completed = counter(registry, queue, "completed", "jobs that ran to the end");
        deadLettered = counter(registry, queue, "dead_lettered", "jobs moved to the dead letters");
        parked = counter(registry, queue, "parked", "groups parked after their head job's last attempt");
        coalesced = counter(registry, queue, "coalesced", "jobs that joined a pending job with the same id");
        shed = counter(registry, queue, "shed", "hints a held-back group did not take: it holds the most it takes,"
                + " and reads their events from the log when it runs again");
        stale = counter(registry, queue, "stale", "reports of groups whose lease another worker had taken over");
        Gauge.builder(PREFIX + "parked_groups", parkedGroups, AtomicLong::get).tag("queue", queue)
                .description("groups waiting for an operator").register(registry);
        Gauge.builder(PREFIX + "depth", depth, AtomicLong::get).tag("queue", queue)
                .description("jobs queued or running").register(registry);
        Gauge.builder(PREFIX + "oldest_ready_age", oldestReadyAgeMillis, AtomicLong::get).tag("queue", queue)
                .baseUnit("milliseconds").description("how long the longest waiting ready group has waited").register(registry);
        parkedByTenant = MultiGauge.builder(PREFIX + "parked_groups_by_tenant").tag("queue", queue)
                .description("groups waiting for an operator, for the tenants with most").register(registry);
        throttledByTenant = MultiGauge.builder(PREFIX + "throttled_groups_by_tenant").tag("queue", queue)
                .description("ready groups held back by their tenant's cap, for the tenants with most").register(registry);
    }

    private static Counter counter(MeterRegistry registry, String queue, String name, String description) {
        return Counter.builder(PREFIX + name).tag("queue", queue).description(description).register(registry);
    }

    void staged(GroupQueue.Staged result, long bodyBytes) {
        stageCallBytes.record(bodyBytes);
        staged.increment(result.staged());
        coalesced.increment(result.coalesced());
        shed.increment(result.shed());
    }

    void claimed(List<ClaimedGroup> groups) {
        claims.increment();
        dispatched.increment(groups.stream().mapToInt(g -> g.jobs().size()).sum());
    }

    /** Counts what the complete script applied: reports of groups whose lease was lost count only as stale. */
    void completed(List<GroupOutcome> outcomes, List<Object> reply) {
        completed.increment((Long) reply.get(0));
        stale.increment((Long) reply.get(1));
        for (int i = 0; i < outcomes.size(); i++) {
            GroupOutcome.Failure failure = outcomes.get(i).failure();
            if (failure == null || (Long) reply.get(2 + i) == 0) {
                continue;
            }
            switch (failure.action()) {
                case RETRY -> retriesByAttempt.computeIfAbsent(attemptBucket(failure.attempts()), bucket ->
                        Counter.builder(PREFIX + "retried").tag("queue", queue).tag("attempt", bucket)
                                .description("failed jobs scheduled to run again, by failed attempts so far")
                                .register(registry)).increment();
                case DEAD -> deadLettered.increment();
                case PARK -> parked.increment();
            }
        }
    }

    /** A group's wait from ready to claimed, and its run, by the job kind its handler names (few values). */
    void waited(String kind, long millis) {
        timer(waits, "wait", "time groups waited from ready to claimed", kind).record(Duration.ofMillis(millis));
    }

    void ran(String kind, long nanos) {
        timer(runs, "run", "time a claimed group's jobs took to run", kind).record(Duration.ofNanos(nanos));
    }

    private Timer timer(Map<String, Timer> timers, String name, String description, String kind) {
        return timers.computeIfAbsent(kind, k -> Timer.builder(PREFIX + name).tag("queue", queue).tag("kind", k)
                .description(description)
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1),
                        Duration.ofSeconds(10), Duration.ofMinutes(1))
                .register(registry));
    }

    private static String attemptBucket(int attempts) {
        if (attempts <= 2) {
            return Integer.toString(attempts);
        }
        return attempts <= 5 ? "3-5" : attempts <= 10 ? "6-10" : "11+";
    }

    public void refresh(GroupQueueAdmin.Snapshot snapshot) {
        parkedGroups.set(snapshot.parkedGroups());
        depth.set(snapshot.depth());
        oldestReadyAgeMillis.set(snapshot.oldestReadyAgeMillis());
        parkedByTenant.register(rows(snapshot.parkedByTenant()), true);
        throttledByTenant.register(rows(snapshot.throttledByTenant()), true);
    }

    /** The {@link #TENANT_ROWS} tenants with the highest counts, and the rest summed as one row. */
    static List<MultiGauge.Row<?>> rows(Map<String, Long> byTenant) {
        List<Map.Entry<String, Long>> most = byTenant.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        long other = 0;
        for (int i = 0; i < most.size(); i++) {
            if (i < TENANT_ROWS) {
                rows.add(MultiGauge.Row.of(Tags.of("tenant", most.get(i).getKey()), most.get(i).getValue()));
            } else {
                other += most.get(i).getValue();
            }
        }
        if (other > 0) {
            rows.add(MultiGauge.Row.of(Tags.of("tenant", OTHER_TENANTS), other));
        }
        return rows;
    }
}
