package dev.foldwork.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The least a fold workflow can do per command: an update that runs one local activity, or a
 * signal that is only counted. What the test server does for these bounds what any design with one
 * Temporal call per command can reach on this machine.
 */
@WorkflowInterface
public interface CeilingWorkflow {
    @WorkflowMethod
    void run();

    @UpdateMethod
    int update(String value);

    @SignalMethod
    void signal(String value);

    /** The update's side work: as cheap as an activity gets. */
    @ActivityInterface
    interface Touch {
        int touch(String value);
    }
}
