package dev.foldwork.bench;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.sample.SampleStream;
import dev.foldwork.pipelines.sample.StreamSender;
import dev.foldwork.pipelines.trace.RecordedTraceUpdates;
import java.time.Duration;

/**
 * The domain pipelines end to end in the memory mode: 4 producers send the shared sample stream
 * (about 12,000 commands over four pipelines and four tenants); the clock stops when every fold,
 * map and reactor is done, including the reactor-sent evaluation commands.
 */
public final class PipelinesBench {
    static final int PRODUCERS = 4;
    static final Pipelines.Settings SETTINGS =
            new Pipelines.Settings(Duration.ofMillis(100), "trace_quality");

    private PipelinesBench() {}

    public static void main(String[] args) throws Exception {
        run(SampleStream.generate(1, 2_000)); // warm up the JIT
        SampleStream stream = SampleStream.standard();
        double commandsPerSecond = run(stream);
        System.out.printf("RESULT pipelines-memory commands_per_s=%.0f commands=%d producers=%d%n",
                commandsPerSecond, stream.size(), PRODUCERS);
    }

    static double run(SampleStream stream) throws Exception {
        PipelineRegistry registry = Pipelines.registry(SETTINGS, new RecordedTraceUpdates());
        try (Foldwork<MemoryDispatcher> es = Foldwork.inMemory(registry)) {
            long start = System.nanoTime();
            StreamSender.Outcome outcome = new StreamSender(PRODUCERS).send(es.service(), stream.commands(), sent -> {});
            if (!es.dispatcher().awaitIdle(Duration.ofMinutes(5))) {
                throw new IllegalStateException("the dispatcher did not drain within 5 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("pipelines: %d commands (%d events, %d invalid, %d refused) in %.2f s%n",
                    stream.size(), outcome.events(), outcome.invalid(), outcome.rejected(), seconds);
            return stream.size() / seconds;
        }
    }
}
