package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.dispatch.RetryPolicy;
import java.time.Duration;

/**
 * Settings of the in-process dispatcher. Folds park their group after their last attempt (order
 * must not break); maps and reactors go to the dead letters after theirs.
 */
public record MemoryDispatcherOptions(
        int workers, int maxBatch, RetryPolicy foldRetry, RetryPolicy mapRetry, RetryPolicy reactorRetry) {

    public MemoryDispatcherOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
    }

    public static MemoryDispatcherOptions defaults() {
        return new MemoryDispatcherOptions(
                Math.max(2, Runtime.getRuntime().availableProcessors()),
                1000,
                RetryPolicy.of(10, Duration.ofMillis(50)),
                RetryPolicy.of(5, Duration.ofMillis(50)),
                RetryPolicy.of(5, Duration.ofMillis(50)));
    }

    public MemoryDispatcherOptions withRetries(RetryPolicy fold, RetryPolicy map, RetryPolicy reactor) {
        return new MemoryDispatcherOptions(workers, maxBatch, fold, map, reactor);
    }
}
