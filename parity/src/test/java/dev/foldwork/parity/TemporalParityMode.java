package dev.foldwork.parity;

import static org.awaitility.Awaitility.await;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.FoldLag;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.sample.ProjectionSnapshot;
import dev.foldwork.pipelines.sample.SampleStream;
import dev.foldwork.pipelines.sample.StreamSender;
import dev.foldwork.pipelines.trace.RecordedTraceUpdates;
import dev.foldwork.workflows.FoldSearchAttributes;
import dev.foldwork.workflows.FoldWorkflowOptions;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import dev.foldwork.workflows.worker.TemporalDispatch;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
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
        ReactionLog reactions = new ReactionLog();
        PipelineRegistry registry = RecordingReactors.registry(
                Pipelines.registry(MemoryParityMode.SETTINGS, new RecordedTraceUpdates()), reactions);
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build())) {
            FoldSearchAttributes.TYPES.forEach(env::registerSearchAttribute);
            try (Foldwork<TemporalDispatcher> foldwork = Foldwork.builder(registry)
                    .dispatch(TemporalDispatch.inProcess(env.getWorkerFactory(),
                            TemporalDispatcherOptions.defaults().withTaskQueue(TASK_QUEUE), FoldWorkflowOptions.defaults()))
                    .build()) {
                StreamSender.Outcome outcome = new StreamSender(producers).send(foldwork.service(), stream.commands(), sent -> {});
                return awaitSettled(foldwork, reactions, stream, outcome);
            }
        }
    }

    /**
     * Settled: no fold lags the event store, and the projections and reactor calls read the same
     * twice, a second apart (maps and reactors run as activities after the folds' persists).
     */
    private static ParityRun awaitSettled(Foldwork<?> foldwork, ReactionLog reactions, SampleStream stream,
                                          StreamSender.Outcome outcome) {
        FoldLag lag = new FoldLag(foldwork.registry(), foldwork.eventStore(), foldwork.foldStore());
        AtomicReference<ParityRun> previous = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            ParityRun now = new ParityRun(outcome, ProjectionSnapshot.read(foldwork.registry(), foldwork.eventStore(), foldwork.foldStore(), foldwork.appendStore(), stream.tenants()),
                    reactions.snapshot());
            ParityRun before = previous.getAndSet(now);
            return lag.behind(stream.tenants()) == 0 && before != null && before.snapshot().folds().equals(now.snapshot().folds())
                    && before.snapshot().maps().equals(now.snapshot().maps()) && before.reactions().equals(now.reactions());
        });
        return previous.get();
    }

    @Override
    public String toString() {
        return "temporal: " + producers + " producers";
    }
}
