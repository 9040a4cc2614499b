package dev.foldwork.workflows;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import dev.foldwork.workflows.client.WriteAcceptance;
import dev.foldwork.workflows.worker.TemporalDispatch;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * "Web processes" over one harness, each set up as the starter sets up a web: its own Temporal
 * client, writing through the fold workflows and dispatching on to the global folds.
 */
final class WritingWebs implements AutoCloseable {
    final List<EventSourcingService> services = new ArrayList<>();
    private final List<Foldwork<TemporalDispatcher>> webs = new ArrayList<>();

    WritingWebs(FoldHarness harness, int count) {
        for (int i = 0; i < count; i++) {
            Foldwork<TemporalDispatcher> web = web(harness, UnaryOperator.identity());
            webs.add(web);
            services.add(web.service());
        }
    }

    /** A web that stops after the writer stored its events: it never dispatches to the global folds. */
    static Foldwork<TemporalDispatcher> diesAfterWriting(FoldHarness harness) {
        return web(harness, globalFolds -> events -> {
            throw new IllegalStateException("this web died after the write");
        });
    }

    private static Foldwork<TemporalDispatcher> web(FoldHarness harness, UnaryOperator<EventDispatcher> toGlobalFolds) {
        return Foldwork.builder(harness.registry)
                .stores(harness.eventStore, harness.foldStore, harness.appendStore)
                .observeDispatch(toGlobalFolds)
                .dispatch(TemporalDispatch.of(newClient(harness),
                                TemporalDispatcherOptions.defaults().withTaskQueue(FoldHarness.TASK_QUEUE))
                        .writingThroughWorkflows(WriteAcceptance.whenSignalled()))
                .build();
    }

    /** A client of its own, as a separate web process has. */
    static WorkflowClient newClient(FoldHarness harness) {
        return WorkflowClient.newInstance(harness.env.getWorkflowServiceStubs(),
                WorkflowClientOptions.newBuilder().setNamespace(harness.env.getNamespace()).build());
    }

    @Override
    public void close() {
        webs.forEach(Foldwork::close);
    }
}
