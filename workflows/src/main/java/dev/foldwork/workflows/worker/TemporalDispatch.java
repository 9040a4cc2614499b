package dev.foldwork.workflows.worker;

import dev.foldwork.core.dispatch.DispatchContext;
import dev.foldwork.core.dispatch.DispatchMode;
import dev.foldwork.core.dispatch.Dispatching;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.workflows.FoldWorkflowOptions;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import dev.foldwork.workflows.client.TemporalStreamWriter;
import dev.foldwork.workflows.client.WriteAcceptance;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal mode: events go to their aggregates' fold workflows by signal
 * ({@link TemporalDispatcher}). Commands are written by this process alone
 * ({@link Dispatching#local}) unless {@link #writingThroughWorkflows} makes each aggregate's fold
 * workflow its stream's single writer across processes ({@link TemporalStreamWriter}), as the
 * service's web processes write. {@link #runningWorker} also runs the fold workflows and their
 * activities here: started once the setup's service is bound (reactors send commands through it),
 * and shut down first when the setup closes, running tasks given {@link #WORKER_DRAIN} to finish.
 */
public final class TemporalDispatch implements DispatchMode<TemporalDispatcher> {
    static final Duration WORKER_DRAIN = Duration.ofSeconds(10);

    private final WorkflowClient client;
    private final TemporalDispatcherOptions options;
    private final WriteAcceptance throughWorkflows; // null: this process alone writes its streams
    private final FoldWorkerSetup worker; // null: no worker in this process (a web)

    private TemporalDispatch(WorkflowClient client, TemporalDispatcherOptions options, WriteAcceptance throughWorkflows,
                             FoldWorkerSetup worker) {
        this.client = client;
        this.options = options;
        this.throughWorkflows = throughWorkflows;
        this.worker = worker;
    }

    /** Sends events to the workflows on {@code options.taskQueue()}; writes locally, runs no worker. */
    public static TemporalDispatch of(WorkflowClient client, TemporalDispatcherOptions options) {
        return new TemporalDispatch(client, options, null, null);
    }

    /** One process that writes, sends and runs the worker on {@code workers}: tests and single-process setups. */
    public static TemporalDispatch inProcess(WorkerFactory workers, TemporalDispatcherOptions options,
                                             FoldWorkflowOptions foldOptions) {
        return of(workers.getWorkflowClient(), options)
                .runningWorker(workers, WorkerOptions.getDefaultInstance(), foldOptions);
    }

    /**
     * Commands are written through their aggregate's fold workflow; {@code acceptance} says when
     * an ingestion write is answered. With {@link WriteAcceptance#whenStoredBy} this process's
     * worker reports its appends to the watch.
     */
    public TemporalDispatch writingThroughWorkflows(WriteAcceptance acceptance) {
        return new TemporalDispatch(client, options, acceptance, worker);
    }

    /** Also runs the fold workflows and their activities on a new worker of {@code workers}. */
    public TemporalDispatch runningWorker(WorkerFactory workers, WorkerOptions workerOptions, FoldWorkflowOptions foldOptions) {
        return new TemporalDispatch(client, options, throughWorkflows, new FoldWorkerSetup(workers, workerOptions, foldOptions));
    }

    @Override
    public Dispatching<TemporalDispatcher> start(DispatchContext context) {
        TemporalDispatcher dispatcher = new TemporalDispatcher(client, context.router(), options);
        Dispatching<TemporalDispatcher> dispatching = throughWorkflows == null
                ? Dispatching.local(dispatcher, context)
                : new Dispatching<>(dispatcher, new TemporalStreamWriter(client, context.router(), options,
                        context.observed(dispatcher.toGlobalFolds()), throughWorkflows), List.of(dispatcher));
        if (worker == null) {
            return dispatching;
        }
        EventStore workerEvents = throughWorkflows != null && throughWorkflows.watch() != null
                ? throughWorkflows.watch().watching(context.events())
                : context.events();
        FoldWorker.register(worker.factory(), options.taskQueue(), worker.options(), context.registry(), workerEvents,
                context.folds(), context.records(), context.commands(), worker.foldOptions());
        return dispatching.withStartedPart(worker.factory()::start, () -> {
            worker.factory().shutdown();
            worker.factory().awaitTermination(WORKER_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private record FoldWorkerSetup(WorkerFactory factory, WorkerOptions options, FoldWorkflowOptions foldOptions) {}
}
