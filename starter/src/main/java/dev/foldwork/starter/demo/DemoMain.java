package dev.foldwork.starter.demo;

import dev.foldwork.core.EventSourcing;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.sample.ProjectionSnapshot;
import dev.foldwork.pipelines.sample.SampleStream;
import dev.foldwork.pipelines.sample.StreamSender;
import dev.foldwork.pipelines.trace.RecordedTraceUpdates;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The demo: sends the shared sample stream through the memory mode, waits until every fold,
 * map and reactor is done, and prints the projections as tables. Plain Java, no Spring.
 */
public final class DemoMain {
    /** Short enough for a demo; a service would wait longer before evaluating a quiet trace. */
    private static final Pipelines.Settings SETTINGS =
            new Pipelines.Settings(Duration.ofMillis(500), "trace_quality", Duration.ofMillis(250));

    private DemoMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        SampleStream stream = SampleStream.standard();
        RecordedTraceUpdates updates = new RecordedTraceUpdates();
        PipelineRegistry registry = Pipelines.registry(SETTINGS, updates);
        out.printf("Foldwork demo: %,d commands (seed %d) for tenants %s, memory mode%n%n",
                stream.size(), stream.seed(), stream.tenants());

        long started = System.nanoTime();
        try (EventSourcing es = EventSourcing.inMemory(registry)) {
            ProgressBar progress = new ProgressBar(out, "sending", stream.size());
            StreamSender.Outcome outcome = new StreamSender(1).send(es.service(), stream.commands(), progress::update);
            out.println("waiting until every fold, map and reactor is done ...");
            if (!es.dispatcher().awaitIdle(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the dispatcher was still busy after 60 s");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf("%nsent %,d commands in %.1f s: %,d accepted (%,d events; reactors add more), %,d invalid, %,d refused%n",
                    stream.size(), seconds, outcome.accepted(), outcome.events(), outcome.invalid(), outcome.rejected());
            out.println("  e.g. invalid: " + outcome.invalidExample());
            out.println("  e.g. refused: " + outcome.rejectedExample());
            out.printf("reactors: %,d trace update broadcasts (bursts coalesced: %,d); dead letters: %d; parked groups: %d%n%n",
                    updates.all().size(), es.dispatcher().coalescedReactions(), es.dispatcher().deadLetters().size(),
                    es.dispatcher().parkedGroups().size());

            ProjectionSnapshot snapshot = ProjectionSnapshot.read(registry, es.eventStore(), es.foldStore(),
                    es.appendStore(), stream.tenants());
            new ProjectionTables(snapshot, stream.tenants(), out).printAll();
        }
    }
}
