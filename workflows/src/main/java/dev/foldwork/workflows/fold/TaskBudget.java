package dev.foldwork.workflows.fold;

import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * How much side work one workflow task does inside itself, as local activities. A local
 * activity does not end the task, so a run with a long queue would read, persist and map batch
 * after batch in one task, and the task's completion (a marker per call, with its data) would
 * grow past what Temporal takes. Once a task's side work passed {@link #BYTES} of estimated data,
 * the next batch first ends the task with a short timer. A task is known by the history length it
 * started at, which replay sees the same.
 */
final class TaskBudget {
    static final long BYTES = 128 * 1024;
    private static final Duration TASK_BOUNDARY = Duration.ofMillis(1);

    private long taskStartedAt = -1;
    private long used;

    /** Ends the current workflow task first if its side work is spent; then the next batch fits. */
    void awaitRoom() {
        refresh();
        if (used >= BYTES) {
            Workflow.sleep(TASK_BOUNDARY);
            refresh();
        }
    }

    /** Counts {@code bytes} of side work against the current task. */
    void charge(long bytes) {
        refresh();
        used += bytes;
    }

    private void refresh() {
        long historyLength = Workflow.getInfo().getHistoryLength();
        if (historyLength != taskStartedAt) {
            taskStartedAt = historyLength;
            used = 0;
        }
    }
}
