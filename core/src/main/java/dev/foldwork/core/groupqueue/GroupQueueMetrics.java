package dev.foldwork.core.groupqueue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micrometer meters of one queue, tagged {@code queue=<name>}. Counters count what this process
 * did; the gauges show the whole queue as of the last {@link #refresh} (the consumer refreshes
 * them every few seconds), so reading a gauge never waits on Redis.
 */
public final class GroupQueueMetrics {
    private static final String PREFIX = "foldwork.groupqueue.";

    private final Counter staged;
    private final Counter dispatched;
    private final Counter claims;
    private final Counter completed;
    private final Counter retried;
    private final Counter deadLettered;
    private final Counter parked;
    private final Counter coalesced;
    private final Counter stale;
    private final AtomicLong parkedGroups = new AtomicLong();
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong oldestReadyAgeMillis = new AtomicLong();

    public GroupQueueMetrics(MeterRegistry registry, String queue) {
        staged = counter(registry, queue, "staged", "jobs staged");
        dispatched = counter(registry, queue, "dispatched", "jobs claimed by a worker");
        claims = counter(registry, queue, "claims", "claim script calls");
        completed = counter(registry, queue, "completed", "jobs that ran to the end");
        retried = counter(registry, queue, "retried", "failed jobs scheduled to run again");
        deadLettered = counter(registry, queue, "dead_lettered", "jobs moved to the dead letters");
        parked = counter(registry, queue, "parked", "groups parked after their head job's last attempt");
        coalesced = counter(registry, queue, "coalesced", "jobs that joined a pending job with the same id");
        stale = counter(registry, queue, "stale", "reports of groups whose lease another worker had taken over");
        Gauge.builder(PREFIX + "parked_groups", parkedGroups, AtomicLong::get).tag("queue", queue)
                .description("groups waiting for an operator").register(registry);
        Gauge.builder(PREFIX + "depth", depth, AtomicLong::get).tag("queue", queue)
                .description("jobs queued or running").register(registry);
        Gauge.builder(PREFIX + "oldest_ready_age", oldestReadyAgeMillis, AtomicLong::get).tag("queue", queue)
                .baseUnit("milliseconds").description("how long the longest waiting ready group has waited").register(registry);
    }

    private static Counter counter(MeterRegistry registry, String queue, String name, String description) {
        return Counter.builder(PREFIX + name).tag("queue", queue).description(description).register(registry);
    }

    void staged(GroupQueue.Staged result) {
        staged.increment(result.staged());
        coalesced.increment(result.coalesced());
    }

    void claimed(List<ClaimedGroup> groups) {
        claims.increment();
        dispatched.increment(groups.stream().mapToInt(g -> g.jobs().size()).sum());
    }

    void completed(List<GroupOutcome> outcomes, long completedJobs, long staleGroups) {
        completed.increment(completedJobs);
        for (GroupOutcome outcome : outcomes) {
            if (outcome.failure() != null) {
                switch (outcome.failure().action()) {
                    case RETRY -> retried.increment();
                    case DEAD -> deadLettered.increment();
                    case PARK -> parked.increment();
                }
            }
        }
        stale.increment(staleGroups);
    }

    public void refresh(GroupQueueAdmin.Snapshot snapshot) {
        parkedGroups.set(snapshot.parkedGroups());
        depth.set(snapshot.depth());
        oldestReadyAgeMillis.set(snapshot.oldestReadyAgeMillis());
    }
}
