package dev.foldwork.core.dispatch.memory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memory dispatcher's threads: a pool of workers, and one timer thread that hands delayed
 * work (backoffs, debounced reactions) to the workers. Daemons, so they never keep a JVM alive.
 * Work handed over after {@link #close} is dropped, as the queued work is: the memory mode keeps
 * nothing across a close, and the event log is what catch-up folds from when the setup starts again.
 */
final class DispatchThreads {
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private volatile boolean closed;

    DispatchThreads(int workers) {
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, r -> daemon(r, "dispatch-worker-" + threadNumber.incrementAndGet()));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "dispatch-timer"));
    }

    void execute(Runnable work) {
        try {
            workers.execute(work);
        } catch (RejectedExecutionException e) {
            droppedIfClosed(e);
        }
    }

    /** Runs {@code work} on a worker once {@code wait} has passed. */
    void later(Duration wait, Runnable work) {
        try {
            timers.schedule(() -> execute(work), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            droppedIfClosed(e);
        }
    }

    private void droppedIfClosed(RejectedExecutionException e) {
        if (!closed) {
            throw e;
        }
    }

    void close() {
        closed = true;
        timers.shutdownNow();
        workers.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
