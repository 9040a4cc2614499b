package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.runtime.ReactorCall;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Coalesces reactions by job id: each new reaction replaces the pending one and restarts its
 * delay, so a burst runs once, with the latest event and state, after the burst went quiet.
 */
final class ReactorDebouncer {
    private record Pending(ReactorCall call, long generation) {}

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
        Pending previous = pending.put(jobId, new Pending(call, generation));
        threads.later(delay, () -> fire(jobId, generation));
        if (previous != null) {
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
