package dev.foldwork.activities;

import dev.foldwork.core.runtime.FoldGroupId;

/** Where a global fold's run asks that its signals be held back ({@link GlobalSignalActivities}). */
public interface SignalHolds {
    void holdUntilContinued(FoldGroupId group, String runId);
}
