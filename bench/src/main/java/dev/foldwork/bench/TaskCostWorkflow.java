package dev.foldwork.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The least a fold workflow is: woken by signals, a round of local activities per wake. */
@WorkflowInterface
public interface TaskCostWorkflow {
    @WorkflowMethod(name = "TaskCostWorkflow")
    void run(int rounds);

    @SignalMethod(name = "hint")
    void hint(String payload);

    /** Echoes its input: the payload goes both ways, as a persist's state and a read's events do. */
    @ActivityInterface
    interface Step {
        String first(String payload);

        String next(String payload);
    }
}
