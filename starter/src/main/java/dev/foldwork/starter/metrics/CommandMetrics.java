package dev.foldwork.starter.metrics;

import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.pipeline.PipelineRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.function.Supplier;

/**
 * Commands accepted and rejected, events stored, and how long store + dispatch took. The pipeline
 * tag only takes registered names (anything else is {@code unknown}), so requests cannot grow the
 * scrape with names of their own.
 */
public final class CommandMetrics {
    private final MeterRegistry registry;
    private final PipelineRegistry pipelines;
    private final Counter eventsStored;

    public CommandMetrics(MeterRegistry registry, PipelineRegistry pipelines) {
        this.registry = registry;
        this.pipelines = pipelines;
        this.eventsStored = Counter.builder("foldwork.events.stored").description("events stored by commands").register(registry);
    }

    public List<Event> timed(Command command, Supplier<List<Event>> send) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "rejected";
        try {
            List<Event> events = send.get();
            outcome = "accepted";
            eventsStored.increment(events.size());
            return events;
        } finally {
            sample.stop(Timer.builder("foldwork.commands")
                    .description("commands handled: validated, stored and accepted for dispatch")
                    .tag("pipeline", pipelines.pipeline(command.pipeline()).isPresent() ? command.pipeline() : "unknown")
                    .tag("outcome", outcome)
                    .register(registry));
        }
    }
}
