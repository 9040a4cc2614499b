package dev.foldwork.core.dispatch.memory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memory dispatcher's threads: a pool of workers, and one timer thread that hands delayed
 * work (backoffs, debounced reactions) to the workers. Daemons, so they never keep a JVM alive.
 */
final class DispatchThreads {
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;

    DispatchThreads(int workers) {
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, r -> daemon(r, "dispatch-worker-" + threadNumber.incrementAndGet()));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "dispatch-timer"));
    }

    void execute(Runnable work) {
        workers.execute(work);
    }

    /** Runs {@code work} on a worker once {@code wait} has passed. */
    void later(Duration wait, Runnable work) {
        timers.schedule(() -> workers.execute(work), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    void close() {
        timers.shutdownNow();
        workers.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
