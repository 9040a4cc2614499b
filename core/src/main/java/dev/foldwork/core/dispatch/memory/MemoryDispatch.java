package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.dispatch.DispatchContext;
import dev.foldwork.core.dispatch.DispatchMode;
import dev.foldwork.core.dispatch.Dispatching;
import dev.foldwork.core.runtime.MapExecutor;

/** The memory mode: projections run on this process's threads ({@link MemoryDispatcher}). */
public record MemoryDispatch(MemoryDispatcherOptions options) implements DispatchMode<MemoryDispatcher> {
    public static MemoryDispatch defaults() {
        return new MemoryDispatch(MemoryDispatcherOptions.defaults());
    }

    @Override
    public Dispatching<MemoryDispatcher> start(DispatchContext context) {
        MapExecutor maps = context.mapExecutor();
        MemoryDispatcher dispatcher = new MemoryDispatcher(context.router(), context.foldExecutor(maps), maps,
                context.reactorExecutor(), options);
        return Dispatching.local(dispatcher, context);
    }
}
