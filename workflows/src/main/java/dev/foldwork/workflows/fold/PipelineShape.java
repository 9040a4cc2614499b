package dev.foldwork.workflows.fold;

import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.projections.ReactorBinding;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldGroupId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The projections a fold group's run works with, as the worker's registry named them when the
 * run started. A run records its shape (a side effect) and replays with it, so a deployment that
 * adds, removes or re-times a fold, map or reactor changes what new runs do and never what an
 * open run's history says it did: the run continues with its shape, its successor takes the new
 * one. The code stays the worker's (a fold's apply, a reactor's job id), and a fold the registry
 * no longer has cannot be applied, so it is left out.
 *
 * @param folds    the group's folds, in registration order
 * @param maps     the maps its events go to (none for a global group)
 * @param reactors the reactors of those folds, with the delay each debounced by and whether it runs inline
 */
record PipelineShape(List<String> folds, List<String> maps, List<ReactorShape> reactors) {
    /**
     * One reactor of a fold; a delay above zero debounces reactions with a job id. {@code inline}:
     * its reactions run as local activities in the run's task ({@link dev.foldwork.core.projections.Reactor#inline});
     * shapes recorded before it read as false, and replay with activities. {@code oncePerBatch}: one
     * call per batch ({@link dev.foldwork.core.projections.Reactor#oncePerBatch}); shapes recorded
     * before it read as false, and replay with a call per event.
     */
    record ReactorShape(String fold, String reactor, Duration delay, boolean inline, boolean oncePerBatch) {}

    PipelineShape {
        folds = folds == null ? List.of() : List.copyOf(folds);
        maps = maps == null ? List.of() : List.copyOf(maps);
        reactors = reactors == null ? List.of() : List.copyOf(reactors);
    }

    static PipelineShape of(EventRouter router, FoldGroupId group) {
        List<String> folds = new ArrayList<>();
        List<ReactorShape> reactors = new ArrayList<>();
        for (FoldProjection<?> fold : router.folds(group)) {
            folds.add(fold.name());
            for (ReactorBinding<?> binding : router.registry().reactorsOf(fold.name())) {
                reactors.add(new ReactorShape(fold.name(), binding.reactor().name(), binding.reactor().delay(),
                        binding.reactor().inline(), binding.reactor().oncePerBatch()));
            }
        }
        List<String> maps = router.isGlobal(group) ? List.of() : router.registry().pipeline(group.pipeline())
                .map(Pipeline::maps).orElse(List.of()).stream().map(MapProjection::name).toList();
        return new PipelineShape(folds, maps, reactors);
    }

    /** Whether the named reactor of the fold runs inline; false for one this shape does not name. */
    boolean isInline(String fold, String reactor) {
        return reactors.stream().anyMatch(r -> r.fold().equals(fold) && r.reactor().equals(reactor) && r.inline());
    }

    /** The registry's folds this shape names, in the shape's order. */
    List<FoldProjection<?>> foldsIn(EventRouter router, FoldGroupId group) {
        List<FoldProjection<?>> known = router.folds(group);
        List<FoldProjection<?>> named = new ArrayList<>();
        for (String name : folds) {
            known.stream().filter(fold -> fold.name().equals(name)).findFirst().ifPresent(named::add);
        }
        return named;
    }

    List<ReactorShape> reactorsOf(String fold) {
        return reactors.stream().filter(reactor -> reactor.fold().equals(fold)).toList();
    }
}
