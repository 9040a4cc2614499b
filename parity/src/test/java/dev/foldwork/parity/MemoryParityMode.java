package dev.foldwork.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.dispatch.memory.MemoryDispatcherOptions;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.sample.ProjectionSnapshot;
import dev.foldwork.pipelines.sample.SampleStream;
import dev.foldwork.pipelines.sample.StreamSender;
import dev.foldwork.pipelines.trace.RecordedTraceUpdates;
import java.time.Duration;

/** The memory mode with a given number of workers, fold batch size and producer threads. */
record MemoryParityMode(int workers, int maxBatch, int producers) implements ParityMode {
    static final Pipelines.Settings SETTINGS =
            new Pipelines.Settings(Duration.ofMillis(100), "trace_quality");

    @Override
    public ParityRun run(SampleStream stream) throws Exception {
        ReactionLog reactions = new ReactionLog();
        PipelineRegistry registry = RecordingReactors.registry(Pipelines.registry(SETTINGS, new RecordedTraceUpdates()), reactions);
        MemoryDispatcherOptions defaults = MemoryDispatcherOptions.defaults();
        MemoryDispatcherOptions options = new MemoryDispatcherOptions(workers, maxBatch,
                defaults.foldRetry(), defaults.mapRetry(), defaults.reactorRetry());
        try (Foldwork<MemoryDispatcher> es = Foldwork.inMemory(registry, new MemoryEventStore(), new MemoryFoldStore(),
                new MemoryAppendStore(), options)) {
            StreamSender.Outcome outcome = new StreamSender(producers).send(es.service(), stream.commands(), sent -> {});
            assertThat(es.dispatcher().awaitIdle(Duration.ofSeconds(120))).as("dispatcher idle").isTrue();
            assertThat(es.dispatcher().deadLetters()).isEmpty();
            assertThat(es.dispatcher().parkedGroups()).isEmpty();
            return new ParityRun(outcome, ProjectionSnapshot.read(registry, es.eventStore(), es.foldStore(),
                    es.appendStore(), stream.tenants()), reactions.snapshot());
        }
    }

    @Override
    public String toString() {
        return "memory: " + workers + " workers, batches of " + maxBatch + ", " + producers + " producers";
    }
}
