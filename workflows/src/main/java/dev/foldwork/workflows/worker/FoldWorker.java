package dev.foldwork.workflows.worker;

import dev.foldwork.activities.FoldStateActivitiesImpl;
import dev.foldwork.activities.MapActivitiesImpl;
import dev.foldwork.activities.ReactorActivitiesImpl;
import dev.foldwork.activities.StreamWriteActivitiesImpl;
import dev.foldwork.core.commands.CommandGateway;
import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.MapExecutor;
import dev.foldwork.core.runtime.OwedReactions;
import dev.foldwork.core.runtime.ReactorExecutor;
import dev.foldwork.core.runtime.StoredStates;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.workflows.FoldWorkflow;
import dev.foldwork.workflows.FoldWorkflowOptions;
import dev.foldwork.workflows.client.GlobalSignalHolds;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import dev.foldwork.workflows.client.TemporalStreamWriter;
import dev.foldwork.workflows.fold.FoldWorkflowImpl;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The {@code worker} role of the Temporal mode: the fold workflow and its activities for one
 * registry's pipelines, on one task queue; the workflow writes its stream's events to
 * {@code eventStore}. The {@code web} role builds only a {@link TemporalStreamWriter} and a
 * {@link TemporalDispatcher}. One process may do both.
 */
public final class FoldWorker {
    private FoldWorker() {}

    /** Registers on a new worker of {@code factory}; start the factory afterwards. */
    public static Worker register(WorkerFactory factory, String taskQueue, PipelineRegistry registry, EventStore eventStore,
                                  FoldStore foldStore, AppendStore appendStore, CommandGateway commands,
                                  FoldWorkflowOptions options) {
        return register(factory, taskQueue, WorkerOptions.getDefaultInstance(), registry, eventStore, foldStore, appendStore,
                commands, options);
    }

    /** As above, with the Temporal worker's own options (pollers, sticky execution). */
    public static Worker register(WorkerFactory factory, String taskQueue, WorkerOptions workerOptions,
                                  PipelineRegistry registry, EventStore eventStore, FoldStore foldStore,
                                  AppendStore appendStore, CommandGateway commands, FoldWorkflowOptions options) {
        EventRouter router = new EventRouter(registry);
        Worker worker = factory.newWorker(taskQueue, workerOptions);
        StoredStates storedStates = new StoredStates();
        worker.registerWorkflowImplementationFactory(FoldWorkflow.class, () -> new FoldWorkflowImpl(router, options));
        worker.registerActivitiesImplementations(
                new FoldStateActivitiesImpl(registry, eventStore, foldStore, storedStates),
                new StreamWriteActivitiesImpl(eventStore, globalFoldsOf(factory, router, taskQueue)),
                GlobalSignalHolds.PROCESS,
                new MapActivitiesImpl(registry, new MapExecutor(router, appendStore), eventStore),
                new ReactorActivitiesImpl(new ReactorExecutor(registry, commands), new OwedReactions(router, eventStore, foldStore, storedStates)));
        return worker;
    }

    /**
     * What hands accepted events on to the global folds' workflows from this worker, made at the
     * first accepted write (a worker that never sees one starts no sending threads).
     */
    private static Supplier<EventDispatcher> globalFoldsOf(WorkerFactory factory, EventRouter router, String taskQueue) {
        AtomicReference<EventDispatcher> made = new AtomicReference<>();
        return () -> made.updateAndGet(existing -> existing != null ? existing
                : new TemporalDispatcher(factory.getWorkflowClient(), router,
                        TemporalDispatcherOptions.defaults().withTaskQueue(taskQueue)).toGlobalFolds());
    }
}
