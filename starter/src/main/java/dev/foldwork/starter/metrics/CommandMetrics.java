package dev.foldwork.starter.metrics;

import dev.foldwork.core.domain.Command;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.service.CommandReceipt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Commands accepted and rejected, events stored (or accepted by their stream's writer, to be
 * stored next), and how long a command took until it was answered. The pipeline
 * tag only takes registered names (anything else is {@code unknown}), so requests cannot grow the
 * scrape with names of their own.
 */
public final class CommandMetrics {
    private final MeterRegistry registry;
    private final PipelineRegistry pipelines;
    private final Counter eventsStored;
    private final Counter eventsAccepted;
    /** By pipeline tag and outcome: registered pipelines and {@code unknown}, each accepted or rejected. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public CommandMetrics(MeterRegistry registry, PipelineRegistry pipelines) {
        this.registry = registry;
        this.pipelines = pipelines;
        this.eventsStored = Counter.builder("foldwork.events.stored").description("events stored by commands").register(registry);
        this.eventsAccepted = Counter.builder("foldwork.events.accepted")
                .description("events their stream's writer accepted before storing them").register(registry);
    }

    public CommandReceipt timed(Command command, Supplier<CommandReceipt> send) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "rejected";
        try {
            CommandReceipt receipt = send.get();
            outcome = "accepted";
            (receipt.stored() ? eventsStored : eventsAccepted).increment(receipt.eventIds().size());
            return receipt;
        } finally {
            sample.stop(timer(command.pipeline(), outcome));
        }
    }

    /** The timer of a pipeline and outcome, registered once: a registry lookup per command cost more than timing it. */
    private Timer timer(String pipeline, String outcome) {
        String tag = pipelines.pipeline(pipeline).isPresent() ? pipeline : "unknown";
        return timers.computeIfAbsent(tag + " " + outcome, key -> Timer.builder("foldwork.commands")
                .description("commands handled: validated, stored and accepted for dispatch")
                .tag("pipeline", tag)
                .tag("outcome", outcome)
                .register(registry));
    }
}
