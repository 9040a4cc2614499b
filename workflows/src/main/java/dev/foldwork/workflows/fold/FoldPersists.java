package dev.foldwork.workflows.fold;

import dev.foldwork.activities.FoldStateActivities;
import dev.foldwork.activities.StreamPosition;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.workflows.Parked;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Persists each fold a batch changed, once, all at the same time, and starts a fold's reactors
 * when its state is stored: a reactor never runs for a state that was not persisted. A global
 * fold's persist also stores the stream positions it reached.
 */
final class FoldPersists {
    /**
     * What persisting came to: every state stored, or some superseded by a rebuild's newer states
     * (the folds are loaded again), or a failure the group parks on (null when none).
     */
    record Outcome(boolean superseded, Parked failed) {}

    private final FoldGroupId group;
    private final boolean global;
    private final FoldStateActivities foldStates;
    private final FoldStateActivities foldStatesInTask;
    private final SideWork sideWork;

    /** {@code foldStatesInTask}: persisting inside the workflow task, in runs that do; else null. */
    FoldPersists(FoldGroupId group, boolean global, FoldStateActivities foldStates, FoldStateActivities foldStatesInTask,
                 SideWork sideWork) {
        this.group = group;
        this.global = global;
        this.foldStates = foldStates;
        this.foldStatesInTask = foldStatesInTask;
        this.sideWork = sideWork;
    }

    /** Whether this run can persist inside the workflow task. */
    boolean inTaskAvailable() {
        return foldStatesInTask != null;
    }

    /** {@code inTask}: as local activities; {@code batch}: the events taken, whose first a failure parks at. */
    Outcome persist(List<FoldChange> changes, List<Event> batch, boolean inTask) {
        FoldStateActivities persist = inTask ? foldStatesInTask : foldStates;
        List<Promise<Void>> stores = new ArrayList<>(changes.size());
        for (FoldChange change : changes) {
            stores.add(global
                    ? Async.procedure(persist::storeGlobal, group, change.fold(), change.stored(),
                            StreamPosition.listOf(change.positions()))
                    : Async.procedure(persist::store, group, change.fold(), change.stored()));
        }
        Parked persistFailed = null;
        boolean superseded = false;
        for (int i = 0; i < changes.size(); i++) {
            try {
                stores.get(i).get();
                sideWork.startReactors(changes.get(i));
            } catch (ActivityFailure e) {
                if (isSuperseded(e) && Workflow.getVersion("reload-superseded-folds", Workflow.DEFAULT_VERSION, 1) == 1) {
                    superseded = true;
                    continue;
                }
                persistFailed = new Parked(changes.get(i).fold(), batch.get(0).id(),
                        "persisting failed: " + SideWork.rootMessage(e), Parked.Cause.PERSIST_FAILED);
            }
        }
        return new Outcome(superseded, persistFailed);
    }

    private static boolean isSuperseded(ActivityFailure failure) {
        return failure.getCause() instanceof ApplicationFailure cause
                && FoldStateActivities.SUPERSEDED.equals(cause.getType());
    }
}
