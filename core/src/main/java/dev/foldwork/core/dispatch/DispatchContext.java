package dev.foldwork.core.dispatch;

import dev.foldwork.core.commands.CommandGateway;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldExecutor;
import dev.foldwork.core.runtime.MapExecutor;
import dev.foldwork.core.runtime.ReactorExecutor;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import java.util.function.UnaryOperator;

/**
 * What a {@link DispatchMode} starts over: the registry, its router, the three stores, the
 * gateway reactors send commands through (bound to the setup's service once it exists), and the
 * observer wrapped around what a writer hands its stored events to (metrics; identity unless set).
 */
public record DispatchContext(PipelineRegistry registry, EventRouter router, EventStore events, FoldStore folds,
                              AppendStore records, CommandGateway commands, UnaryOperator<EventDispatcher> observer) {

    /** {@code dispatcher} as the setup's writer should call it: through the observer. */
    public EventDispatcher observed(EventDispatcher dispatcher) {
        return observer.apply(dispatcher);
    }

    public MapExecutor mapExecutor() {
        return new MapExecutor(router, records);
    }

    /** Folds that hand their maps to {@code maps} after each persist. */
    public FoldExecutor foldExecutor(MapExecutor maps) {
        return new FoldExecutor(router, events, folds, maps);
    }

    public ReactorExecutor reactorExecutor() {
        return new ReactorExecutor(registry, commands);
    }
}
