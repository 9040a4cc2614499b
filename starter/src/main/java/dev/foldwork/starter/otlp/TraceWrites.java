package dev.foldwork.starter.otlp;

import dev.foldwork.core.commands.CommandValidationException;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.starter.config.ServesCommandsCondition;
import dev.foldwork.starter.metrics.CommandMetrics;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Submits an export's commands, one per trace, side by side: in the Temporal mode each is a round
 * trip to its trace's workflow (and in the embedded default a wait for its worker's append), so an
 * export of 20 traces would otherwise cost 20 round trips in a row. A command refused as invalid
 * is reported as such; any other failure fails the export, after every command was tried.
 */
@Component
@Conditional(ServesCommandsCondition.class)
public class TraceWrites {
    /** Commands in flight at once across all exports; more wait for a thread. */
    static final int THREADS = 32;

    /** A command of the export that the pipeline refused, and why. */
    public record Refused(Command command, String reason) {}

    private final EventSourcingService service;
    private final CommandMetrics metrics;
    private final ExecutorService threads;

    public TraceWrites(EventSourcingService service, CommandMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(THREADS, r -> {
            Thread thread = new Thread(r, "otlp-write-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Submits every command; returns those refused as invalid. */
    public List<Refused> submitAll(List<Command> commands) {
        if (commands.size() == 1) {
            return submit(commands.get(0)).map(List::of).orElse(List.of());
        }
        List<CompletableFuture<Optional<Refused>>> submitted = new ArrayList<>();
        for (Command command : commands) {
            submitted.add(CompletableFuture.supplyAsync(() -> submit(command), threads));
        }
        List<Refused> refused = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<Optional<Refused>> one : submitted) {
            try {
                one.join().ifPresent(refused::add);
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return refused;
    }

    private Optional<Refused> submit(Command command) {
        try {
            metrics.timed(command, () -> service.submit(command));
            return Optional.empty();
        } catch (CommandValidationException e) {
            return Optional.of(new Refused(command, e.getMessage()));
        }
    }

    @PreDestroy
    void close() {
        threads.shutdown();
    }
}
