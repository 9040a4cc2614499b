package dev.foldwork.workflows;

import dev.foldwork.core.dispatch.RetryPolicy;
import java.time.Duration;

/**
 * How the client side batches and sends.
 *
 * @param taskQueue          where the fold workflows run
 * @param batchWindow        how long a group's first event waits for more before its signal goes out
 * @param maxEventsPerSignal events per signal at most
 * @param maxSignalBytes     estimated bytes per signal (and per stream write) at most; Temporal rejects
 *                           payloads over 2 MB
 * @param maxInlineEventBytes estimated bytes of an event a signal carries at most; a larger event goes
 *                           as its stream range (the {@code stored} signal) and the run reads it from
 *                           the event store, so large events never fill a run's history
 * @param senders            threads making signalWithStart calls in parallel (one call per group at a time)
 * @param retry              retries of transient errors and of NOT_FOUND while a run is closing
 * @param searchAttributes   set TenantId, Pipeline, AggregateType and AggregateId (they must be registered on the server)
 * @param globalSignalSpacing signals to one global fold's workflow leave at most once per this: a
 *                           workflow that is signalled without pause never gets to continue as new
 *                           (the server refuses to end a run while new signals arrive), and every
 *                           aggregate's events go to its tenant's global folds
 */
public record TemporalDispatcherOptions(
        String taskQueue,
        Duration batchWindow,
        int maxEventsPerSignal,
        int maxSignalBytes,
        int senders,
        RetryPolicy retry,
        boolean searchAttributes,
        int maxInlineEventBytes,
        Duration globalSignalSpacing) {

    public static final String DEFAULT_TASK_QUEUE = "foldwork-folds";

    public TemporalDispatcherOptions {
        if (taskQueue == null || taskQueue.isBlank()) {
            throw new IllegalArgumentException("taskQueue must not be blank");
        }
        if (globalSignalSpacing.isNegative()) {
            throw new IllegalArgumentException("globalSignalSpacing must not be negative, was " + globalSignalSpacing);
        }
        if (batchWindow.isNegative()) {
            throw new IllegalArgumentException("batchWindow must not be negative, was " + batchWindow);
        }
        if (maxEventsPerSignal < 1 || maxSignalBytes < 1 || senders < 1 || maxInlineEventBytes < 1) {
            throw new IllegalArgumentException("maxEventsPerSignal, maxSignalBytes, senders and maxInlineEventBytes must be at least 1");
        }
    }

    public static TemporalDispatcherOptions defaults() {
        return new TemporalDispatcherOptions(DEFAULT_TASK_QUEUE, Duration.ofMillis(5), 500, 1 << 20, 16,
                new RetryPolicy(10, Duration.ofMillis(50), 2.0, Duration.ofSeconds(5)), true, 16 << 10,
                Duration.ofMillis(250));
    }

    public TemporalDispatcherOptions withTaskQueue(String queue) {
        return new TemporalDispatcherOptions(queue, batchWindow, maxEventsPerSignal, maxSignalBytes, senders, retry, searchAttributes,
                maxInlineEventBytes, globalSignalSpacing);
    }

    public TemporalDispatcherOptions withBatchWindow(Duration window) {
        return new TemporalDispatcherOptions(taskQueue, window, maxEventsPerSignal, maxSignalBytes, senders, retry, searchAttributes,
                maxInlineEventBytes, globalSignalSpacing);
    }

    public TemporalDispatcherOptions withMaxEventsPerSignal(int max) {
        return new TemporalDispatcherOptions(taskQueue, batchWindow, max, maxSignalBytes, senders, retry, searchAttributes,
                maxInlineEventBytes, globalSignalSpacing);
    }

    public TemporalDispatcherOptions withMaxSignalBytes(int max) {
        return new TemporalDispatcherOptions(taskQueue, batchWindow, maxEventsPerSignal, max, senders, retry, searchAttributes,
                maxInlineEventBytes, globalSignalSpacing);
    }

    public TemporalDispatcherOptions withMaxInlineEventBytes(int max) {
        return new TemporalDispatcherOptions(taskQueue, batchWindow, maxEventsPerSignal, maxSignalBytes, senders, retry,
                searchAttributes, max, globalSignalSpacing);
    }

    public TemporalDispatcherOptions withGlobalSignalSpacing(Duration spacing) {
        return new TemporalDispatcherOptions(taskQueue, batchWindow, maxEventsPerSignal, maxSignalBytes, senders, retry,
                searchAttributes, maxInlineEventBytes, spacing);
    }

    public TemporalDispatcherOptions withSearchAttributes(boolean set) {
        return new TemporalDispatcherOptions(taskQueue, batchWindow, maxEventsPerSignal, maxSignalBytes, senders, retry, set,
                maxInlineEventBytes, globalSignalSpacing);
    }
}
