package dev.foldwork.core.runtime;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import java.util.ArrayList;
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
            Map<GlobalKey, Map<StreamId, List<Long>>> routed = new HashMap<>(); // per key of a global fold: its streams' seqs
            for (Pipeline pipeline : registry.pipelines()) {
                for (String aggregateId : events.aggregateIds(tenant, pipeline.aggregateType())) {
                    List<Event> history = events.read(tenant, pipeline.aggregateType(), aggregateId);
                    for (FoldProjection<?> fold : pipeline.folds()) {
                        behind += history.size() - position(tenant, fold.name(), aggregateId);
                    }
                    for (GlobalFoldProjection<?> fold : registry.globalFolds()) {
                        for (Event event : history) {
                            fold.key(event).ifPresent(key -> routed.computeIfAbsent(new GlobalKey(fold.name(), key), k -> new HashMap<>())
                                    .computeIfAbsent(event.streamId(), k -> new ArrayList<>()).add(event.seq()));
                        }
                    }
                }
            }
            for (Map.Entry<GlobalKey, Map<StreamId, List<Long>>> global : routed.entrySet()) {
                behind += notConsumed(tenant, global.getKey(), global.getValue());
            }
        }
        return behind;
    }

    /** One key of one global fold. */
    private record GlobalKey(String fold, String key) {}

    /** The routed events above the key's position in their stream (its version counts more than events: see GlobalFoldLoader). */
    private long notConsumed(TenantId tenant, GlobalKey global, Map<StreamId, List<Long>> seqs) {
        long version = position(tenant, global.fold(), global.key());
        Map<StreamId, Long> positions = folds.streamPositions(tenant, global.fold(), global.key(), seqs.keySet(), version);
        long behind = 0;
        for (Map.Entry<StreamId, List<Long>> stream : seqs.entrySet()) {
            long position = positions.getOrDefault(stream.getKey(), 0L);
            behind += stream.getValue().stream().filter(seq -> seq > position).count();
        }
        return behind;
    }

    private long position(TenantId tenant, String fold, String key) {
        return folds.versions(tenant, fold, List.of(key)).getOrDefault(key, 0L);
    }
}
