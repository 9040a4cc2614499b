package dev.foldwork.workflows.client;

import dev.foldwork.activities.GlobalSignalActivities;
import dev.foldwork.core.runtime.FoldGroupId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The global fold groups whose signals this process holds back while their run continues as new:
 * the {@link GlobalSignalActivities} a worker registers. One per process, shared by every
 * {@link TemporalDispatcher} in it: a worker's accepted writes and the process's web both signal the
 * global folds. A hold ends when another run is the workflow's current one (the dispatcher asks the
 * server), or after {@link #MAX_HOLD}, so a run that cannot end never starves its group.
 */
public final class GlobalSignalHolds implements GlobalSignalActivities {
    public static final GlobalSignalHolds PROCESS = new GlobalSignalHolds();
    private static final Duration MAX_HOLD = Duration.ofSeconds(30);

    private record Hold(String runId, long untilNanos) {}

    private final Map<FoldGroupId, Hold> holds = new ConcurrentHashMap<>();

    private GlobalSignalHolds() {}

    @Override
    public void holdUntilContinued(FoldGroupId group, String runId) {
        holds.put(group, new Hold(runId, System.nanoTime() + MAX_HOLD.toNanos()));
    }

    /** Whether the group may be held: a cheap look, for every signal. */
    boolean mayHold(FoldGroupId group) {
        return holds.containsKey(group);
    }

    /** The run whose continue-as-new the group's signals wait for; none when there is no hold or it ran out. */
    Optional<String> heldFor(FoldGroupId group) {
        Hold hold = holds.get(group);
        if (hold != null && System.nanoTime() >= hold.untilNanos()) {
            holds.remove(group, hold);
            return Optional.empty();
        }
        return Optional.ofNullable(hold).map(Hold::runId);
    }

    /** Ends the hold for {@code runId}: that run is no longer current. */
    void release(FoldGroupId group, String runId) {
        holds.computeIfPresent(group, (g, hold) -> hold.runId().equals(runId) ? null : hold);
    }
}
