package dev.foldwork.core.runtime;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.StreamHead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How far the folds consumed streams the event store reported as written: aggregate folds by
 * {@code seq}, global folds by their stream positions. Catch-up compares it with the streams'
 * heads; the operators' overview shows the difference.
 */
public final class FoldPositions {
    private final PipelineRegistry registry;
    private final EventStore events;
    private final FoldStore folds;

    public FoldPositions(PipelineRegistry registry, EventStore events, FoldStore folds) {
        this.registry = registry;
        this.events = events;
        this.folds = folds;
    }

    /**
     * Per stream, the highest seq up to which every fold it feeds consumed it, at most the head's
     * settled seq; a few queries per tenant, not per stream.
     */
    public Map<StreamId, Long> consumedUpTo(TenantId tenant, List<StreamHead> heads) {
        Map<StreamId, Long> consumed = new LinkedHashMap<>();
        Map<AggregateType, List<String>> idsByType = new LinkedHashMap<>();
        for (StreamHead head : heads) {
            consumed.put(head.stream(), head.settledSeq());
            idsByType.computeIfAbsent(head.stream().aggregateType(), t -> new ArrayList<>()).add(head.stream().aggregateId());
        }
        idsByType.forEach((type, ids) -> registry.pipelineOf(type).ifPresent(pipeline -> {
            for (FoldProjection<?> fold : pipeline.folds()) {
                Map<String, Long> versions = folds.versions(tenant, fold.name(), ids);
                for (String id : ids) {
                    consumed.merge(new StreamId(tenant, type, id), versions.getOrDefault(id, 0L), Math::min);
                }
            }
        }));
        if (!registry.globalFolds().isEmpty()) {
            globalLag(tenant, heads, consumed);
        }
        return consumed;
    }

    /**
     * Global folds: the settled events stored since the heads' first seqs, by the key each is
     * routed to; a stream lags where a routed event lies above the key's position in it.
     */
    private void globalLag(TenantId tenant, List<StreamHead> heads, Map<StreamId, Long> consumed) {
        Map<GlobalKey, Map<StreamId, TreeSet<Long>>> routed = new LinkedHashMap<>(); // stream -> routed seqs
        for (StreamHead head : heads) {
            if (consumed.get(head.stream()) < head.firstSeq()) {
                continue; // lags below the first seq anyway
            }
            for (Event event : events.read(head.stream(), head.firstSeq(), head.settledSeq())) {
                for (GlobalFoldProjection<?> fold : registry.globalFolds()) {
                    fold.key(event).ifPresent(key -> routed
                            .computeIfAbsent(new GlobalKey(fold.name(), key), k -> new LinkedHashMap<>())
                            .computeIfAbsent(event.streamId(), s -> new TreeSet<>()).add(event.seq()));
                }
            }
        }
        routed.forEach((global, byStream) -> {
            long version = folds.get(tenant, global.fold(), global.key()).map(StoredFold::version).orElse(0L);
            Map<StreamId, Long> positions = folds.streamPositions(tenant, global.fold(), global.key(), byStream.keySet(), version);
            byStream.forEach((stream, seqs) -> {
                Long firstUnconsumed = seqs.higher(positions.getOrDefault(stream, 0L));
                if (firstUnconsumed != null) {
                    consumed.merge(stream, firstUnconsumed - 1, Math::min);
                }
            });
        });
    }

    /** One key of one global fold. */
    private record GlobalKey(String fold, String key) {}
}
