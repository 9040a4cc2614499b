package dev.foldwork.workflows.processes;

import dev.foldwork.activities.FoldActivityPolicies;
import dev.foldwork.core.Foldwork;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.workflows.FoldWorkflowOptions;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import dev.foldwork.workflows.worker.TemporalDispatch;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;

/** The {@code worker} role as its own process: {@code WorkerProcess <host:port> <fold-store-dir> <event-store-file>}. */
public final class WorkerProcess {
    public static final String TASK_QUEUE = "folds-multiprocess";
    public static final String READY = "worker ready";

    private WorkerProcess() {}

    public static void main(String[] args) throws InterruptedException {
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(args[0]).build());
        WorkflowClient client = WorkflowClient.newInstance(service);
        // short activity timeouts so the work of a killed worker is retried soon; continue-as-new often
        FoldWorkflowOptions options = FoldWorkflowOptions.defaults().withMaxBatch(50).withMaxEventsPerRun(200)
                .withActivities(FoldActivityPolicies.defaults().withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                        .withTimeout(Duration.ofSeconds(3)));
        // no sticky execution: the test server never times out a task left on a dead worker's sticky
        // queue (see WorkerKillTest); a zero schedule-to-start timeout makes the SDK ask for none
        WorkerOptions workerOptions = WorkerOptions.newBuilder()
                .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
                .build();
        Foldwork.builder(LedgerPipeline.registry((context, event) -> {}))
                .stores(new FileEventStore(Path.of(args[2])), new FileFoldStore(Path.of(args[1])), new MemoryAppendStore())
                .dispatch(TemporalDispatch.of(client, TemporalDispatcherOptions.defaults().withTaskQueue(TASK_QUEUE))
                        .runningWorker(WorkerFactory.newInstance(client), workerOptions, options))
                .build();
        System.out.println(READY);
        Thread.currentThread().join();
    }
}
