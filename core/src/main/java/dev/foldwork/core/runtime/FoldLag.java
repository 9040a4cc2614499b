package dev.foldwork.core.runtime;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far the folds are behind the event store: for each fold of each aggregate (and each key of
 * each global fold), the stored events it has not consumed yet. Works the same in every dispatch
 * mode, because it reads only the stores. It reads every stream of the tenants given, so it is
 * for demos, tests and checks, not for a hot path.
 */
public final class FoldLag {
    private final PipelineRegistry registry;
    private final EventStore events;
    private final FoldStore folds;

    public FoldLag(PipelineRegistry registry, EventStore events, FoldStore folds) {
        this.registry = registry;
        this.events = events;
        this.folds = folds;
    }

    /** The number of stored events that some fold has yet to consume, over the given tenants. */
    public long behind(List<TenantId> tenants) {
        long behind = 0;
        for (TenantId tenant : tenants) {
            Map<String, Long> globalCounts = new HashMap<>();
            for (Pipeline pipeline : registry.pipelines()) {
                for (String aggregateId : events.aggregateIds(tenant, pipeline.aggregateType())) {
                    List<Event> history = events.read(tenant, pipeline.aggregateType(), aggregateId);
                    for (FoldProjection<?> fold : pipeline.folds()) {
                        behind += history.size() - position(tenant, fold.name(), aggregateId);
                    }
                    for (GlobalFoldProjection<?> fold : registry.globalFolds()) {
                        for (Event event : history) {
                            fold.key(event).ifPresent(key -> globalCounts.merge(fold.name() + "\n" + key, 1L, Long::sum));
                        }
                    }
                }
            }
            for (Map.Entry<String, Long> global : globalCounts.entrySet()) {
                String[] foldAndKey = global.getKey().split("\n", 2);
                behind += global.getValue() - position(tenant, foldAndKey[0], foldAndKey[1]);
            }
        }
        return behind;
    }

    private long position(TenantId tenant, String fold, String key) {
        return folds.get(tenant, fold, key).map(StoredFold::version).orElse(0L);
    }
}
