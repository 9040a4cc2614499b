package dev.foldwork.activities;

import dev.foldwork.core.runtime.FoldGroupId;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What a global fold's run asks of the process its worker runs in, whose dispatchers send the
 * global signals. A run that continues as new while signals keep arriving has its task failed by
 * the server (the new signals must be seen first) and retried by a worker that replays the whole
 * run: under a steady stream the retry is slower than the gap between signals, and the run never ends.
 */
@ActivityInterface
public interface GlobalSignalActivities {
    /** Holds this process's signals to {@code group} until its run {@code runId} has continued as new. */
    @ActivityMethod(name = "HoldGlobalSignals")
    void holdUntilContinued(FoldGroupId group, String runId);
}
