package dev.foldwork.workflows.client;

import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.workflows.FoldWorkflowOptions;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a stream writer's run keeps up with accepted writes. An accepted write is a signal,
 * which Temporal records whether or not a worker takes the run's tasks; with the workers down or
 * the store failing, signals would grow the run's history past Temporal's limits (a real server
 * terminates a run at 51,200 events or 50 MB, with everything it held). So every
 * {@link #CHECK_EVERY} accepted writes to a group this process looks at the run's history, and
 * while it is past {@link #BEHIND_LENGTH} events or {@link #BEHIND_BYTES} (a run that keeps up
 * continues as new long before: {@link FoldWorkflowOptions}) the group's writes wait for their
 * events to be stored instead, which fails them when the run cannot store. Each web process adds
 * at most {@code CHECK_EVERY} signals past the mark.
 */
final class AcceptGate {
    private static final Logger log = LoggerFactory.getLogger(AcceptGate.class);
    static final int CHECK_EVERY = 200;
    static final long BEHIND_LENGTH = 8_000;
    static final long BEHIND_BYTES = 8L << 20;
    /** Groups remembered at most; a forgotten group counts from zero again. */
    static final int GROUPS = 10_000;

    private record Watch(long sent, boolean behind) {}

    private final WorkflowClient client;
    private final Map<FoldGroupId, Watch> watches = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FoldGroupId, Watch> eldest) {
            return size() > GROUPS;
        }
    };

    AcceptGate(WorkflowClient client) {
        this.client = client;
    }

    /** Counts one write to {@code group}; whether it may be accepted rather than stored first. */
    boolean admits(FoldGroupId group) {
        Watch watch;
        synchronized (watches) {
            watch = watches.merge(group, new Watch(1, false), (old, one) -> new Watch(old.sent() + 1, old.behind()));
        }
        if (watch.sent() % CHECK_EVERY != 0) {
            return !watch.behind();
        }
        boolean behind = isBehind(group);
        synchronized (watches) {
            watches.computeIfPresent(group, (g, old) -> new Watch(old.sent(), behind));
        }
        return !behind;
    }

    private boolean isBehind(FoldGroupId group) {
        WorkflowExecutionInfo run;
        try {
            run = client.newUntypedWorkflowStub(group.toString()).describe().getRawDescription().getWorkflowExecutionInfo();
        } catch (RuntimeException e) {
            return false; // no open run: the next write starts one
        }
        boolean behind = run.getHistoryLength() >= BEHIND_LENGTH || run.getHistorySizeBytes() >= BEHIND_BYTES;
        if (behind) {
            log.warn("the run of {} holds {} history events ({} bytes): its writes wait to be stored until it catches up",
                    group, run.getHistoryLength(), run.getHistorySizeBytes());
        }
        return behind;
    }
}
