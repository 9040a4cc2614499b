package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.runtime.ReactionPlan;
import dev.foldwork.core.runtime.ReactorCall;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Coalesces reactions by job id: each new reaction replaces the pending one and restarts its
 * delay, so a burst runs once, with the latest event and state, after the burst went quiet; but
 * never later than {@link ReactionPlan#MAX_WAIT_DELAYS} delays after the pending one was first
 * submitted, so a steady stream still runs.
 */
final class ReactorDebouncer {
    /** The latest call, which submit made it, and when it runs at the latest ({@link System#nanoTime}). */
    private record Pending(ReactorCall call, long generation, long deadlineNanos) {}

    private final DispatchThreads threads;
    private final Consumer<ReactorCall> run;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();

    /** {@code run} runs a reaction whose burst ended, on one of {@code threads}' workers. */
    ReactorDebouncer(DispatchThreads threads, Consumer<ReactorCall> run) {
        this.threads = threads;
        this.run = run;
    }

    /** Returns true when this reaction opened a new pending job, false when it joined one. */
    boolean submit(String jobId, ReactorCall call, Duration delay) {
        long generation = generations.incrementAndGet();
        long now = System.nanoTime();
        Pending[] previous = new Pending[1];
        Pending mine = pending.compute(jobId, (id, before) -> {
            previous[0] = before;
            long deadline = before != null ? before.deadlineNanos()
                    : now + delay.toNanos() * ReactionPlan.MAX_WAIT_DELAYS;
            return new Pending(call, generation, deadline);
        });
        threads.later(Duration.ofNanos(Math.max(0, Math.min(delay.toNanos(), mine.deadlineNanos() - now))),
                () -> fire(jobId, generation));
        if (previous[0] != null) {
            coalesced.incrementAndGet();
            return false;
        }
        return true;
    }

    long coalesced() {
        return coalesced.get();
    }

    private void fire(String jobId, long generation) {
        Pending latest = pending.get(jobId);
        if (latest != null && latest.generation() == generation && pending.remove(jobId, latest)) {
            run.accept(latest.call());
        }
    }
}
