package dev.foldwork.workflows.worker;

import dev.foldwork.core.dispatch.DispatchContext;
import dev.foldwork.core.dispatch.DispatchMode;
import dev.foldwork.core.dispatch.Dispatching;
import dev.foldwork.workflows.FoldWorkflowOptions;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import io.temporal.worker.WorkerFactory;

/**
 * The Temporal mode in one process: the fold workflows and their activities are registered on
 * {@code workers} (on {@code options.taskQueue()}) and the factory started, and events go to their
 * workflows by signal ({@link TemporalDispatcher}). Commands are written by this process
 * ({@link Dispatching#local}); the factory belongs to the caller, who shuts it down.
 */
public record TemporalDispatch(WorkerFactory workers, TemporalDispatcherOptions options, FoldWorkflowOptions foldOptions)
        implements DispatchMode<TemporalDispatcher> {

    @Override
    public Dispatching<TemporalDispatcher> start(DispatchContext context) {
        FoldWorker.register(workers, options.taskQueue(), context.registry(), context.events(), context.folds(),
                context.records(), context.commands(), foldOptions);
        workers.start();
        return Dispatching.local(new TemporalDispatcher(workers.getWorkflowClient(), context.router(), options),
                context.events());
    }
}
