package dev.foldwork.workflows;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.LogAsTruthScenarios;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import dev.foldwork.workflows.worker.TemporalDispatch;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The log-as-truth scenarios in the Temporal mode: fold workflows on the in-process test server. */
class TemporalLogAsTruthTest extends LogAsTruthScenarios {
    private static final String TASK_QUEUE = "log-truth";

    private final MemoryEventStore events = new MemoryEventStore();
    private final MemoryFoldStore folds = new MemoryFoldStore();
    private final MemoryAppendStore records = new MemoryAppendStore();
    private TestWorkflowEnvironment env;
    private Foldwork<TemporalDispatcher> foldwork;

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        FoldSearchAttributes.TYPES.forEach(env::registerSearchAttribute);
        foldwork = Foldwork.builder(registry)
                .stores(events, folds, records)
                .dispatch(TemporalDispatch.inProcess(env.getWorkerFactory(),
                        TemporalDispatcherOptions.defaults().withTaskQueue(TASK_QUEUE), FoldWorkflowOptions.defaults()))
                .build();
    }

    @AfterEach
    void stop() {
        foldwork.close();
        env.close();
    }

    @Override
    protected EventDispatcher dispatcher() {
        return foldwork.dispatcher();
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
