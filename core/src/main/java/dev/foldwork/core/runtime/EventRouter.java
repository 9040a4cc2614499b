package dev.foldwork.core.runtime;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.core.projections.MapProjection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Decides where each event goes: which fold groups, and which map projections. */
public final class EventRouter {
    private final PipelineRegistry registry;

    public EventRouter(PipelineRegistry registry) {
        this.registry = registry;
    }

    public PipelineRegistry registry() {
        return registry;
    }

    /** Groups a batch by fold group, keeping each group's events in the order given. */
    public Map<FoldGroupId, List<Event>> foldGroups(List<Event> events) {
        Map<FoldGroupId, List<Event>> groups = new LinkedHashMap<>();
        for (Event event : events) {
            Optional<Pipeline> pipeline = registry.pipelineOf(event.aggregateType());
            if (pipeline.isPresent() && !pipeline.get().folds().isEmpty()) {
                FoldGroupId id = new FoldGroupId(event.tenantId(), pipeline.get().name(), event.aggregateType(), event.aggregateId());
                groups.computeIfAbsent(id, k -> new ArrayList<>()).add(event);
            }
            for (GlobalFoldProjection<?> fold : registry.globalFolds()) {
                Optional<String> key = fold.key(event);
                if (key.isPresent()) {
                    FoldGroupId id = new FoldGroupId(event.tenantId(), Pipeline.GLOBAL_PROJECTIONS,
                            AggregateType.of(fold.name()), key.get());
                    groups.computeIfAbsent(id, k -> new ArrayList<>()).add(event);
                }
            }
        }
        return groups;
    }

    public boolean isGlobal(FoldGroupId group) {
        return group.pipeline().equals(Pipeline.GLOBAL_PROJECTIONS);
    }

    /** True when {@code event} belongs to {@code group}, a key of the global fold {@code fold}. */
    public boolean routesTo(GlobalFoldProjection<?> fold, Event event, FoldGroupId group) {
        return event.tenantId().equals(group.tenantId()) && fold.key(event).filter(group.aggregateKey()::equals).isPresent();
    }

    /** The folds a group applies, in their registration order. */
    public List<FoldProjection<?>> folds(FoldGroupId group) {
        if (isGlobal(group)) {
            return registry.fold(group.aggregateType().value()).<List<FoldProjection<?>>>map(List::of).orElse(List.of());
        }
        return registry.pipeline(group.pipeline()).map(Pipeline::folds).orElse(List.of());
    }

    public List<MapProjection<?>> maps(Event event) {
        return registry.pipelineOf(event.aggregateType()).map(Pipeline::maps).orElse(List.of());
    }
}
