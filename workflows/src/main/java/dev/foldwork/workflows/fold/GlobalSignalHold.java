package dev.foldwork.workflows.fold;

import dev.foldwork.activities.GlobalSignalActivities;
import dev.foldwork.core.runtime.FoldGroupId;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Before a global fold's run continues as new, it asks the worker's process, whose dispatchers send
 * the global signals, to hold them until the next run is there ({@link GlobalSignalActivities}). Without it, a signal that
 * arrives while the run's last task completes fails that task, whose retry replays the whole run
 * and, under a steady stream, met the next signal again (measured: the tenant's
 * {@code billing_meter} failed its task every 3 to 4 s for minutes in the service bench, each
 * failure a replay of thousands of events). Aggregates' runs need none: one aggregate's events
 * come from its own writes. Runs recorded before continued without asking, and replay so.
 */
final class GlobalSignalHold {
    private static final Logger log = Workflow.getLogger(GlobalSignalHold.class);

    private final FoldGroupId group;
    private final GlobalSignalActivities senders;

    /** {@code senders}: the local activity of a global group's run; null for an aggregate's. */
    GlobalSignalHold(FoldGroupId group, GlobalSignalActivities senders) {
        this.group = group;
        this.senders = senders;
    }

    /** Called right before the run continues as new. */
    void beforeContinuing() {
        if (senders == null || Workflow.getVersion("hold-global-signals-while-continuing", Workflow.DEFAULT_VERSION, 1) != 1) {
            return;
        }
        try {
            senders.holdUntilContinued(group, Workflow.getInfo().getRunId());
        } catch (ActivityFailure e) {
            log.warn("{} continues as new without holding its signals: {}", group, SideWork.rootMessage(e));
        }
    }
}
