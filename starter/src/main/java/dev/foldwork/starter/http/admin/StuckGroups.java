package dev.foldwork.starter.http.admin;

import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.redis.dispatch.JobGroups;
import dev.foldwork.redis.groupqueue.DeadJob;
import dev.foldwork.redis.groupqueue.GroupNames;
import dev.foldwork.redis.groupqueue.GroupQueueAdmin;
import dev.foldwork.redis.groupqueue.ParkedGroup;
import dev.foldwork.redis.groupqueue.QueueItemFilter;
import dev.foldwork.redis.groupqueue.QueuePage;
import dev.foldwork.starter.http.admin.PipelineActivity.Key;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parked fold groups and dead letters per pipeline and tenant, in the mode this service runs.
 * The memory dispatcher parks fold groups; its dead letters are reactions, which name no pipeline.
 * The Redis queue has both, read once per overview (at most {@link GroupQueueAdmin#MAX_EXAMINED}
 * dead letters); only fold groups name a pipeline, so map and reactor jobs count in no row. The
 * Temporal mode counts the fold workflows that parked as its parked admin API lists them
 * ({@link TemporalParked}); it has no dead letters. That count is bounded: at most
 * {@link TemporalParked#MAX_EXAMINED} fold workflows are examined per overview, so with more
 * open (or parked) fold workflows than that, the parked counts may fall short.
 */
final class StuckGroups {
    static final StuckGroups NONE = new StuckGroups(Map.of(), Map.of());

    private final Map<Key, Long> parked;
    private final Map<Key, Long> dead;

    private StuckGroups(Map<Key, Long> parked, Map<Key, Long> dead) {
        this.parked = parked;
        this.dead = dead;
    }

    static StuckGroups of(MemoryDispatcher dispatcher) {
        Map<Key, Long> parked = new HashMap<>();
        for (FoldGroupId id : dispatcher.parkedGroups().keySet()) {
            parked.merge(new Key(id.pipeline(), id.tenantId().value()), 1L, Long::sum);
        }
        return new StuckGroups(parked, Map.of());
    }

    /** The parked fold workflows of at most {@link TemporalParked#MAX_EXAMINED} examined, by pipeline and tenant. */
    static StuckGroups of(TemporalParked temporal) {
        Map<Key, Long> parked = new HashMap<>();
        for (ParkedAggregate one : temporal.page(QueueItemFilter.ANY, TemporalParked.MAX_EXAMINED, null).items()) {
            parked.merge(new Key(one.pipeline(), one.tenant()), 1L, Long::sum);
        }
        return new StuckGroups(parked, Map.of());
    }

    static StuckGroups of(GroupQueueAdmin admin, PipelineRegistry registry) {
        List<String> dead = new ArrayList<>();
        String cursor = null;
        do {
            QueuePage<DeadJob> page = admin.deadLetters(QueueItemFilter.ANY, 500, cursor);
            page.items().forEach(job -> dead.add(job.group()));
            cursor = page.items().isEmpty() ? null : page.nextCursor();
        } while (cursor != null && dead.size() < GroupQueueAdmin.MAX_EXAMINED);
        List<String> parked = admin.parkedGroups().stream().map(ParkedGroup::group).toList();
        return new StuckGroups(byPipeline(parked, registry), byPipeline(dead, registry));
    }

    /** Redis group names, {@code <tenant>:fold:<pipeline>:...}, counted by the pipeline they name. */
    private static Map<Key, Long> byPipeline(List<String> groups, PipelineRegistry registry) {
        Map<Key, Long> counts = new HashMap<>();
        for (Pipeline pipeline : registry.pipelines()) {
            GroupNames naming = JobGroups.naming(pipeline.name(), null);
            for (String group : groups) {
                if (naming.match(group)) {
                    counts.merge(new Key(pipeline.name(), group.substring(0, group.indexOf(':'))), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    long parked(Key row) {
        return parked.getOrDefault(row, 0L);
    }

    long deadLetters(Key row) {
        return dead.getOrDefault(row, 0L);
    }
}
