package dev.foldwork.pipelines.sample;

import dev.foldwork.core.commands.CommandGateway;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.CommandValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Sends a sample stream through a command gateway with one or more producer threads. Each
 * aggregate's commands stay with one producer, in stream order, so only the interleaving
 * across aggregates changes with the number of producers.
 */
public final class StreamSender {
    /** What became of the commands; the first refusal of each kind is kept as an example. */
    public record Outcome(long accepted, long events, long invalid, long rejected,
                          String invalidExample, String rejectedExample) {}

    private final int producers;

    public StreamSender(int producers) {
        if (producers < 1) {
            throw new IllegalArgumentException("producers must be at least 1, was " + producers);
        }
        this.producers = producers;
    }

    /** Sends every command and reports each one sent to {@code progress} (total so far). */
    public Outcome send(CommandGateway gateway, List<SampleCommand> commands, LongConsumer progress) throws Exception {
        List<List<SampleCommand>> shares = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            shares.add(new ArrayList<>());
        }
        for (SampleCommand command : commands) {
            shares.get(Math.floorMod(command.orderingKey().hashCode(), producers)).add(command);
        }
        Tally tally = new Tally(progress);
        if (producers == 1) {
            tally.sendAll(gateway, shares.get(0));
            return tally.outcome();
        }
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<SampleCommand> share : shares) {
                running.add(pool.submit(() -> tally.sendAll(gateway, share)));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return tally.outcome();
    }

    private static final class Tally {
        private final LongConsumer progress;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong accepted = new AtomicLong();
        private final AtomicLong events = new AtomicLong();
        private final AtomicLong invalid = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();
        private volatile String invalidExample;
        private volatile String rejectedExample;

        Tally(LongConsumer progress) {
            this.progress = progress;
        }

        void sendAll(CommandGateway gateway, List<SampleCommand> commands) {
            for (SampleCommand sample : commands) {
                try {
                    events.addAndGet(gateway.send(sample.command()).size());
                    accepted.incrementAndGet();
                } catch (CommandValidationException e) {
                    invalid.incrementAndGet();
                    invalidExample = invalidExample != null ? invalidExample : describe(sample, e);
                } catch (CommandRejectedException e) {
                    rejected.incrementAndGet();
                    rejectedExample = rejectedExample != null ? rejectedExample : describe(sample, e);
                }
                progress.accept(sent.incrementAndGet());
            }
        }

        Outcome outcome() {
            return new Outcome(accepted.get(), events.get(), invalid.get(), rejected.get(), invalidExample, rejectedExample);
        }

        private static String describe(SampleCommand sample, RuntimeException e) {
            return sample.command().pipeline() + "/" + sample.command().type() + " -> " + e.getMessage();
        }
    }
}
