package dev.foldwork.workflows.client;

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
 * @param maxInlineBytes     estimated bytes of events one signal carries at most; a signal whose
 *                           events are larger (one large event, a burst) carries their stream ranges
 *                           instead (the {@code stored} signal) and the run reads them from the
 *                           event store, so what a sender sends never fills a run's history
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
        int maxInlineBytes,
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
        if (maxEventsPerSignal < 1 || maxSignalBytes < 1 || senders < 1 || maxInlineBytes < 1) {
            throw new IllegalArgumentException("maxEventsPerSignal, maxSignalBytes, senders and maxInlineBytes must be at least 1");
        }
    }

    public static TemporalDispatcherOptions defaults() {
        return new TemporalDispatcherOptions(DEFAULT_TASK_QUEUE, Duration.ofMillis(5), 500, 1 << 20, 16,
                new RetryPolicy(10, Duration.ofMillis(50), 2.0, Duration.ofSeconds(5)), true, 64 << 10,
                Duration.ofMillis(250));
    }

    public TemporalDispatcherOptions withTaskQueue(String queue) {
        return new TemporalDispatcherOptions(queue, batchWindow, maxEventsPerSignal, maxSignalBytes, senders, retry, searchAttributes,
                maxInlineBytes, globalSignalSpacing);
    }

    public TemporalDispatcherOptions withBatchWindow(Duration window) {
        return new TemporalDispatcherOptions(taskQueue, window, maxEventsPerSignal, maxSignalBytes, senders, retry, searchAttributes,
                maxInlineBytes, globalSignalSpacing);
    }

    public TemporalDispatcherOptions withMaxEventsPerSignal(int max) {
        return new TemporalDispatcherOptions(taskQueue, batchWindow, max, maxSignalBytes, senders, retry, searchAttributes,
                maxInlineBytes, globalSignalSpacing);
    }

    public TemporalDispatcherOptions withMaxSignalBytes(int max) {
        return new TemporalDispatcherOptions(taskQueue, batchWindow, maxEventsPerSignal, max, senders, retry, searchAttributes,
                maxInlineBytes, globalSignalSpacing);
    }

    public TemporalDispatcherOptions withMaxInlineBytes(int max) {
        return new TemporalDispatcherOptions(taskQueue, batchWindow, maxEventsPerSignal, maxSignalBytes, senders, retry,
                searchAttributes, max, globalSignalSpacing);
    }

    public TemporalDispatcherOptions withGlobalSignalSpacing(Duration spacing) {
        return new TemporalDispatcherOptions(taskQueue, batchWindow, maxEventsPerSignal, maxSignalBytes, senders, retry,
                searchAttributes, maxInlineBytes, spacing);
    }

    public TemporalDispatcherOptions withSearchAttributes(boolean set) {
        return new TemporalDispatcherOptions(taskQueue, batchWindow, maxEventsPerSignal, maxSignalBytes, senders, retry, set,
                maxInlineBytes, globalSignalSpacing);
    }
}
