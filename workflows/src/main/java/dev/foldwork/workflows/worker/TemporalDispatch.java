package dev.foldwork.workflows.worker;

import dev.foldwork.core.dispatch.DispatchContext;
import dev.foldwork.core.dispatch.DispatchMode;
import dev.foldwork.core.dispatch.Dispatching;
import dev.foldwork.workflows.FoldWorkflowOptions;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;

/**
 * The Temporal mode: events go to their fold workflows by signal ({@link TemporalDispatcher});
 * with a {@code workers} factory this process also runs the fold workflows and their activities
 * (registered on {@code options.taskQueue()}, then the factory is started). Commands are written
 * by this process ({@link Dispatching#local}); the factory belongs to the caller, who shuts it down.
 */
public record TemporalDispatch(WorkflowClient client, TemporalDispatcherOptions options, WorkerFactory workers,
                               FoldWorkflowOptions foldOptions) implements DispatchMode<TemporalDispatcher> {

    /** A process that only sends: the fold workflows run in other processes. */
    public static TemporalDispatch sending(WorkflowClient client, TemporalDispatcherOptions options) {
        return new TemporalDispatch(client, options, null, FoldWorkflowOptions.defaults());
    }

    /** A process that sends and runs the fold workflows on {@code workers}. */
    public static TemporalDispatch working(WorkerFactory workers, TemporalDispatcherOptions options, FoldWorkflowOptions foldOptions) {
        return new TemporalDispatch(workers.getWorkflowClient(), options, workers, foldOptions);
    }

    @Override
    public Dispatching<TemporalDispatcher> start(DispatchContext context) {
        if (workers != null) {
            FoldWorker.register(workers, options.taskQueue(), context.registry(), context.events(), context.folds(),
                    context.records(), context.commands(), foldOptions);
            workers.start();
        }
        return Dispatching.local(new TemporalDispatcher(client, context.router(), options), context.events());
    }
}
