package dev.foldwork.workflows;

import io.temporal.workflow.Workflow;

/**
 * How much side work one workflow task does inside itself, as local activities. A local
 * activity does not end the task, so a run with a long queue would persist and map batch after
 * batch in one task, and the task's completion (a marker per call, with its input) would grow
 * past what Temporal takes; past {@link #BYTES} of estimated input in one task, a batch's side
 * work goes out as activities, and the wait for them ends the task. A task is known by the
 * history length it started at, which replay sees the same.
 */
final class TaskBudget {
    static final long BYTES = 256 * 1024;

    private long taskStartedAt = -1;
    private long used;

    /** Whether {@code bytes} more fit in the current task; if so, they count against it. */
    boolean admits(long bytes) {
        long historyLength = Workflow.getInfo().getHistoryLength();
        if (historyLength != taskStartedAt) {
            taskStartedAt = historyLength;
            used = 0;
        }
        if (used + bytes > BYTES) {
            return false;
        }
        used += bytes;
        return true;
    }
}
