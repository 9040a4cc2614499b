package dev.foldwork.core.pipeline;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.projections.ReactorBinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The composition of all pipelines of an application, plus the virtual global pipeline.
 * Checks at construction that names are unique, so a lookup never has two answers.
 */
public final class PipelineRegistry {
    private final Map<String, Pipeline> byName = new LinkedHashMap<>();
    private final Map<AggregateType, Pipeline> byAggregateType = new HashMap<>();
    private final Map<String, FoldProjection<?>> folds = new HashMap<>();
    private final Map<String, MapProjection<?>> maps = new HashMap<>();
    private final Map<String, List<ReactorBinding<?>>> reactorsByFold = new HashMap<>();
    private final List<GlobalFoldProjection<?>> globalFolds = new ArrayList<>();
    private final Pipeline global;

    private PipelineRegistry(List<Pipeline> pipelines, Pipeline global) {
        this.global = global;
        Set<String> projectionNames = new HashSet<>();
        for (Pipeline pipeline : pipelines) {
            if (pipeline.isGlobal()) {
                throw new IllegalArgumentException("register global folds with globalProjections(...), not as a pipeline");
            }
            if (byName.putIfAbsent(pipeline.name(), pipeline) != null) {
                throw new IllegalArgumentException("two pipelines are named " + pipeline.name());
            }
            Pipeline other = byAggregateType.putIfAbsent(pipeline.aggregateType(), pipeline);
            if (other != null) {
                throw new IllegalArgumentException("pipelines " + other.name() + " and " + pipeline.name()
                        + " share the aggregate type " + pipeline.aggregateType());
            }
            index(pipeline, projectionNames);
        }
        index(global, projectionNames);
        for (FoldProjection<?> fold : global.folds()) {
            globalFolds.add((GlobalFoldProjection<?>) fold);
        }
    }

    public static PipelineRegistry of(List<Pipeline> pipelines, Pipeline globalProjections) {
        if (!globalProjections.isGlobal()) {
            throw new IllegalArgumentException(globalProjections.name() + " is not the " + Pipeline.GLOBAL_PROJECTIONS + " pipeline");
        }
        return new PipelineRegistry(pipelines, globalProjections);
    }

    public static PipelineRegistry of(Pipeline... pipelines) {
        return of(List.of(pipelines), Pipeline.globalProjections().build());
    }

    private void index(Pipeline pipeline, Set<String> projectionNames) {
        for (FoldProjection<?> fold : pipeline.folds()) {
            unique(projectionNames, fold.name());
            folds.put(fold.name(), fold);
        }
        for (MapProjection<?> map : pipeline.maps()) {
            unique(projectionNames, map.name());
            maps.put(map.name(), map);
        }
        for (ReactorBinding<?> binding : pipeline.reactors()) {
            reactorsByFold.computeIfAbsent(binding.fold().name(), k -> new ArrayList<>()).add(binding);
        }
    }

    private static void unique(Set<String> names, String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("two projections are named " + name);
        }
    }

    /** The domain pipelines, in registration order. */
    public List<Pipeline> pipelines() {
        return List.copyOf(byName.values());
    }

    public Optional<Pipeline> pipeline(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<Pipeline> pipelineOf(AggregateType aggregateType) {
        return Optional.ofNullable(byAggregateType.get(aggregateType));
    }

    public Pipeline globalProjections() {
        return global;
    }

    public List<GlobalFoldProjection<?>> globalFolds() {
        return List.copyOf(globalFolds);
    }

    public Optional<FoldProjection<?>> fold(String name) {
        return Optional.ofNullable(folds.get(name));
    }

    public Optional<MapProjection<?>> map(String name) {
        return Optional.ofNullable(maps.get(name));
    }

    public List<ReactorBinding<?>> reactorsOf(String foldName) {
        return reactorsByFold.getOrDefault(foldName, List.of());
    }

    public Optional<ReactorBinding<?>> reactor(String foldName, String reactorName) {
        return reactorsOf(foldName).stream().filter(b -> b.reactor().name().equals(reactorName)).findFirst();
    }
}
