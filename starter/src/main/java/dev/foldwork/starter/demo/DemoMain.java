package dev.foldwork.starter.demo;

import dev.foldwork.core.EventSourcing;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.CommandValidationException;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.sample.ProjectionSnapshot;
import dev.foldwork.pipelines.sample.SampleCommand;
import dev.foldwork.pipelines.sample.SampleStream;
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

    /** What happened to the commands sent; keeps the first refusal of each kind as an example. */
    private static final class Outcomes {
        long accepted;
        long events;
        long invalid;
        long rejected;
        String invalidExample;
        String rejectedExample;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        SampleStream stream = SampleStream.standard();
        RecordedTraceUpdates updates = new RecordedTraceUpdates();
        PipelineRegistry registry = Pipelines.registry(SETTINGS, updates);
        out.printf("Foldwork demo: %,d commands (seed %d) for tenants %s, memory mode%n%n",
                stream.size(), stream.seed(), stream.tenants());

        long started = System.nanoTime();
        try (EventSourcing es = EventSourcing.inMemory(registry)) {
            Outcomes outcomes = send(es, stream, out);
            out.println("waiting until every fold, map and reactor is done ...");
            if (!es.dispatcher().awaitIdle(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the dispatcher was still busy after 60 s");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf("%nsent %,d commands in %.1f s: %,d accepted (%,d events stored), %,d invalid, %,d refused%n",
                    stream.size(), seconds, outcomes.accepted, outcomes.events, outcomes.invalid, outcomes.rejected);
            out.println("  e.g. invalid: " + outcomes.invalidExample);
            out.println("  e.g. refused: " + outcomes.rejectedExample);
            out.printf("reactors: %,d trace update broadcasts (bursts coalesced: %,d); dead letters: %d; parked groups: %d%n%n",
                    updates.all().size(), es.dispatcher().coalescedReactions(), es.dispatcher().deadLetters().size(),
                    es.dispatcher().parkedGroups().size());

            ProjectionSnapshot snapshot = ProjectionSnapshot.read(registry, es.eventStore(), es.foldStore(),
                    es.appendStore(), stream.tenants());
            new ProjectionTables(snapshot, stream.tenants(), out).printAll();
        }
    }

    private static Outcomes send(EventSourcing es, SampleStream stream, PrintStream out) {
        Outcomes outcomes = new Outcomes();
        ProgressBar progress = new ProgressBar(out, "sending", stream.size());
        long done = 0;
        for (SampleCommand sample : stream.commands()) {
            try {
                outcomes.events += es.service().send(sample.command()).size();
                outcomes.accepted++;
            } catch (CommandValidationException e) {
                outcomes.invalid++;
                outcomes.invalidExample = first(outcomes.invalidExample, sample, e);
            } catch (CommandRejectedException e) {
                outcomes.rejected++;
                outcomes.rejectedExample = first(outcomes.rejectedExample, sample, e);
            }
            progress.update(++done);
        }
        return outcomes;
    }

    private static String first(String example, SampleCommand sample, RuntimeException e) {
        return example != null ? example
                : sample.command().pipeline() + "/" + sample.command().type() + " -> " + e.getMessage();
    }
}
