package dev.foldwork.bench;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.FoldGroupId;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The baseline the benchmark compares with: one signal per event, one persist per event. */
@WorkflowInterface
public interface NaiveFoldWorkflow {
    @WorkflowMethod(name = "NaiveFoldWorkflow")
    void run(FoldGroupId group);

    @SignalMethod(name = "event")
    void event(Event event);
}
