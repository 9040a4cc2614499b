package dev.foldwork.activities;

import dev.foldwork.core.runtime.FoldGroupId;

/** {@link GlobalSignalActivities} over the process's holds of global signals. */
public final class GlobalSignalActivitiesImpl implements GlobalSignalActivities {
    private final SignalHolds holds;

    public GlobalSignalActivitiesImpl(SignalHolds holds) {
        this.holds = holds;
    }

    @Override
    public void holdUntilContinued(FoldGroupId group, String runId) {
        holds.holdUntilContinued(group, runId);
    }
}
