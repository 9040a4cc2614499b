package dev.foldwork.workflows;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.LogAsTruthScenarios;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import dev.foldwork.workflows.worker.FoldWorker;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The log-as-truth scenarios in the Temporal mode: fold workflows on the in-process test server. */
class TemporalLogAsTruthTest extends LogAsTruthScenarios {
    private static final String TASK_QUEUE = "log-truth";

    private final MemoryEventStore events = new MemoryEventStore();
    private final MemoryFoldStore folds = new MemoryFoldStore();
    private final MemoryAppendStore records = new MemoryAppendStore();
    private TestWorkflowEnvironment env;
    private TemporalDispatcher dispatcher;

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        FoldSearchAttributes.TYPES.forEach(env::registerSearchAttribute);
        FoldWorker.register(env.getWorkerFactory(), TASK_QUEUE, registry, events, folds, records,
                command -> List.of(), FoldWorkflowOptions.defaults());
        env.start();
        dispatcher = new TemporalDispatcher(env.getWorkflowClient(), new EventRouter(registry),
                TemporalDispatcherOptions.defaults().withTaskQueue(TASK_QUEUE));
    }

    @AfterEach
    void stop() {
        dispatcher.close();
        env.close();
    }

    @Override
    protected EventDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    protected EventStore eventStore() {
        return events;
    }

    @Override
    protected FoldStore foldStore() {
        return folds;
    }

    @Override
    protected AppendStore appendStore() {
        return records;
    }
}
