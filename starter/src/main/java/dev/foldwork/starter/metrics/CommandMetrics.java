package dev.foldwork.starter.metrics;

import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.function.Supplier;

/** Commands accepted and rejected, events stored, and how long store + dispatch took. */
public final class CommandMetrics {
    private final MeterRegistry registry;
    private final Counter eventsStored;

    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
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
                    .tag("pipeline", command.pipeline().length() <= 64 ? command.pipeline() : "invalid")
                    .tag("outcome", outcome)
                    .register(registry));
        }
    }
}
