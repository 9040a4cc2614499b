package dev.foldwork.pipelines.parity;

import static org.awaitility.Awaitility.await;

import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.CommandGatewayRef;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldLag;
import dev.foldwork.core.service.EventIds;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.sample.ProjectionSnapshot;
import dev.foldwork.pipelines.sample.SampleStream;
import dev.foldwork.pipelines.sample.StreamSender;
import dev.foldwork.pipelines.trace.RecordedTraceUpdates;
import dev.foldwork.workflows.FoldSearchAttributes;
import dev.foldwork.workflows.FoldWorker;
import dev.foldwork.workflows.FoldWorkflowOptions;
import dev.foldwork.workflows.TemporalDispatcher;
import dev.foldwork.workflows.TemporalDispatcherOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Temporal mode on the in-process test server (real time), with memory stores: one fold
 * workflow per fold group, maps and reactors as activities.
 */
record TemporalParityMode(int producers) implements ParityMode {
    private static final String TASK_QUEUE = "parity-folds";

    @Override
    public ParityRun run(SampleStream stream) throws Exception {
        PipelineRegistry registry = Pipelines.registry(MemoryParityMode.SETTINGS, new RecordedTraceUpdates());
        MemoryEventStore events = new MemoryEventStore();
        MemoryFoldStore folds = new MemoryFoldStore();
        MemoryAppendStore records = new MemoryAppendStore();
        CommandGatewayRef reactorCommands = new CommandGatewayRef();
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build())) {
            FoldSearchAttributes.TYPES.forEach(env::registerSearchAttribute);
            FoldWorker.register(env.getWorkerFactory(), TASK_QUEUE, registry, events, folds, records, reactorCommands,
                    FoldWorkflowOptions.defaults());
            env.start();
            try (TemporalDispatcher dispatcher = new TemporalDispatcher(env.getWorkflowClient(), new EventRouter(registry),
                    TemporalDispatcherOptions.defaults().withTaskQueue(TASK_QUEUE))) {
                EventSourcingService service = new EventSourcingService(registry, events, dispatcher, new EventIds(Clock.systemUTC()));
                reactorCommands.bind(service);
                StreamSender.Outcome outcome = new StreamSender(producers).send(service, stream.commands(), sent -> {});
                ProjectionSnapshot settled = awaitSettled(registry, events, folds, records, stream);
                return new ParityRun(outcome, settled);
            }
        }
    }

    /**
     * Settled: no fold lags the event store, and the projections read the same twice, a second
     * apart (maps and reactors run as activities after the folds' persists).
     */
    private static ProjectionSnapshot awaitSettled(PipelineRegistry registry, MemoryEventStore events, MemoryFoldStore folds,
                                                   MemoryAppendStore records, SampleStream stream) {
        FoldLag lag = new FoldLag(registry, events, folds);
        AtomicReference<ProjectionSnapshot> previous = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            ProjectionSnapshot now = ProjectionSnapshot.read(registry, events, folds, records, stream.tenants());
            ProjectionSnapshot before = previous.getAndSet(now);
            return lag.behind(stream.tenants()) == 0 && before != null
                    && before.folds().equals(now.folds()) && before.maps().equals(now.maps());
        });
        return previous.get();
    }

    @Override
    public String toString() {
        return "temporal: " + producers + " producers";
    }
}
