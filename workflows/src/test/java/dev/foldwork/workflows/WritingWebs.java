package dev.foldwork.workflows;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.service.EventIds;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import dev.foldwork.workflows.client.TemporalStreamWriter;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** "Web processes" over one harness: each with its own Temporal client, dispatcher and writer. */
final class WritingWebs implements AutoCloseable {
    final List<EventSourcingService> services = new ArrayList<>();
    private final List<TemporalDispatcher> dispatchers = new ArrayList<>();

    /** {@code count} webs whose writers dispatch on to the global folds as a live web does. */
    WritingWebs(FoldHarness harness, int count) {
        for (int i = 0; i < count; i++) {
            TemporalDispatcher dispatcher = new TemporalDispatcher(newClient(harness), new EventRouter(harness.registry),
                    TemporalDispatcherOptions.defaults().withTaskQueue(FoldHarness.TASK_QUEUE));
            dispatchers.add(dispatcher);
            services.add(service(harness, dispatcher.toGlobalFolds()));
        }
    }

    /** A web that stops after the writer stored its events: it never dispatches to the global folds. */
    static EventSourcingService diesAfterWriting(FoldHarness harness) {
        return service(harness, events -> { throw new IllegalStateException("this web died after the write"); });
    }

    private static EventSourcingService service(FoldHarness harness, EventDispatcher globalFolds) {
        TemporalStreamWriter writer = new TemporalStreamWriter(newClient(harness), new EventRouter(harness.registry),
                TemporalDispatcherOptions.defaults().withTaskQueue(FoldHarness.TASK_QUEUE), globalFolds);
        return new EventSourcingService(harness.registry, harness.eventStore, writer, new EventIds(Clock.systemUTC()));
    }

    /** A client of its own, as a separate web process has. */
    static WorkflowClient newClient(FoldHarness harness) {
        return WorkflowClient.newInstance(harness.env.getWorkflowServiceStubs(),
                WorkflowClientOptions.newBuilder().setNamespace(harness.env.getNamespace()).build());
    }

    @Override
    public void close() {
        dispatchers.forEach(TemporalDispatcher::close);
    }
}
