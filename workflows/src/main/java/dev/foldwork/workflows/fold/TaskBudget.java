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
 * <p>
 * A task that loaded the folds' states ends the same way before its first batch: a local
 * activity's result is recorded only with its task, so had the task persisted a batch and then
 * failed (a worker stalled past its deadlock detection, a timeout, a crash), its retry would load
 * the state it persisted, skip the batch as applied, and never start the reactions and maps the
 * lost task owed it. Ended first, the retry replays the recorded load and applies the batch again.
 */
final class TaskBudget {
    static final long BYTES = 128 * 1024;
    private static final Duration TASK_BOUNDARY = Duration.ofMillis(1);

    private long taskStartedAt = -1;
    private long used;
    private long loadedIn = -1;

    /** Ends the current workflow task first if its side work is spent, or it loaded the folds' states; then the next batch fits. */
    void awaitRoom() {
        refresh();
        if (used >= BYTES || loadedInThisTask()) {
            Workflow.sleep(TASK_BOUNDARY);
            refresh();
        }
    }

    /** Counts {@code bytes} of side work against the current task. */
    void charge(long bytes) {
        refresh();
        used += bytes;
    }

    /** The folds' states were just loaded, in the current task. */
    void loaded() {
        loadedIn = Workflow.getInfo().getHistoryLength();
    }

    /** Runs recorded before persisted in the task that loaded, and replay so. */
    private boolean loadedInThisTask() {
        return loadedIn == taskStartedAt
                && Workflow.getVersion("record-the-fold-states-before-persisting", Workflow.DEFAULT_VERSION, 1) == 1;
    }

    private void refresh() {
        long historyLength = Workflow.getInfo().getHistoryLength();
        if (historyLength != taskStartedAt) {
            taskStartedAt = historyLength;
            used = 0;
        }
    }
}
