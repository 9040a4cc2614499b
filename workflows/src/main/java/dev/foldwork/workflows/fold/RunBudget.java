package dev.foldwork.workflows.fold;

import dev.foldwork.workflows.FoldWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;

/**
 * When a run is full and should continue as new: before Temporal's limits on signals, updates,
 * history events and bytes of one run, when the server suggests it, and after the events the
 * options allow a run to apply. Handlers count before the run has started, so it exists from the
 * workflow's construction.
 */
final class RunBudget {
    private int signals;
    private int writes;
    private long applied;

    void signalled() {
        signals++;
    }

    void written() {
        writes++;
    }

    /** A batch of this many events was applied. */
    void applied(int events) {
        applied += events;
    }

    boolean isFull(FoldWorkflowOptions options) {
        WorkflowInfo info = Workflow.getInfo();
        return signals >= options.maxSignalsPerRun()
                || writes >= FoldWorkflowImpl.MAX_WRITES_PER_RUN
                || applied >= options.maxEventsPerRun()
                || info.getHistoryLength() >= options.maxHistoryLength()
                || info.getHistorySize() >= options.maxHistoryBytes()
                || info.isContinueAsNewSuggested();
    }
}
