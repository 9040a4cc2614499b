package dev.foldwork.workflows.fold;

import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.workflows.FoldWorkflowOptions;
import dev.foldwork.workflows.Parked;
import dev.foldwork.workflows.PendingReaction;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The loop: wait for events; take what the signals delivered as one batch; apply every fold in
 * memory; persist each changed fold once; then start its reactors; maps go out beside ({@link BatchStep}).
 * Side work is awaited before the run ends. A run continues as new before Temporal's limits
 * ({@link RunBudget}, {@link NextRun}), parks (by continuing as new) on a poison event until an operator
 * answers ({@link Parking}), and completes after an idle time. Before it ends it waits for every signal
 * handler and looks at its queue again, so an event that raced the end is kept.
 * Debounced reactions (a reactor with a job id and a delay) wait in workflow time: the loop wakes
 * when the next is due, a run does not complete while one is pending, and continue-as-new carries them.
 * An ending run refuses new writes (the client sends them to its successor).
 */
final class FoldLoop {
    private static final Logger log = Workflow.getLogger(FoldLoop.class);

    private final FoldGroupId group;
    private final FoldWorkflowOptions options;
    private final EventQueue queue;
    private final Parking parking;
    private final FoldProgress progress;
    private final RunBudget budget;
    private final SideWork sideWork;
    private final RunDetails details;
    private final NextRun nextRun;
    private final BatchStep batches;
    private final GlobalSignalHold signalHold;
    private final LoopTimer timer = new LoopTimer();
    private boolean ending;

    FoldLoop(FoldGroupId group, FoldWorkflowOptions options, EventQueue queue, Parking parking, FoldProgress progress,
             RunBudget budget, SideWork sideWork, RunDetails details, NextRun nextRun, BatchStep batches,
             GlobalSignalHold signalHold) {
        this.group = group;
        this.options = options;
        this.queue = queue;
        this.parking = parking;
        this.progress = progress;
        this.budget = budget;
        this.sideWork = sideWork;
        this.details = details;
        this.nextRun = nextRun;
        this.batches = batches;
        this.signalHold = signalHold;
    }

    /** Whether the run is ending: its side work is done and it waits for its handlers. */
    boolean isEnding() {
        return ending;
    }

    /** Returns when the group is idle; a run that continues as new does not return. */
    void run() {
        details.show();
        if (parking.isParked()) {
            parking.show(options.parkedSearchAttributes());
        }

        while (true) {
            if (sideWork.startDueReactions()) {
                details.show();
            }
            if (budget.isFull(options) && (parking.isParked() || nextRun.takesTheQueue())) {
                continueAsNew();
            }
            // A pending debounced reaction bounds every wait, and keeps the run from completing.
            Optional<Duration> untilReaction = sideWork.untilNextReaction();
            if (parking.isParked()) {
                Supplier<Boolean> answered = () -> parking.asked() || budget.isFull(options);
                if (untilReaction.isPresent()) {
                    timer.await(untilReaction.get(), answered);
                } else {
                    Workflow.await(answered);
                }
                if (answerOperator()) {
                    applyNextBatch();
                }
                continue;
            }
            boolean woken = timer.await(untilReaction.orElse(options.idleTimeout()),
                    () -> queue.hasWork() || budget.isFull(options));
            if (!woken) {
                if (untilReaction.isPresent()) {
                    continue;
                }
                finishSideWork();
                if (!queue.hasWork()) {
                    return;
                }
                ending = false; // a signal or a write came in while the side work finished
            }
            applyNextBatch();
        }
    }

    private void applyNextBatch() {
        Parked reason = batches.applyNext();
        if (reason != null) {
            park(reason);
        }
    }

    /** True when an operator's answer released the group. */
    private boolean answerOperator() {
        if (!parking.answer(group, progress)) {
            return false;
        }
        details.show();
        parking.show(options.parkedSearchAttributes());
        return true;
    }

    /** Parks the group; its batch is back at the head of the queue. */
    private void park(Parked reason) {
        parking.park(reason);
        log.warn("{} parked: {}", group, reason.reason());
        details.show();
        // A new run, so that a retry after a fixed fold replays a history in which nothing was applied yet.
        continueAsNew();
    }

    /**
     * Waits for maps and reactors, then refuses new writes and waits for the signal and update
     * handlers; a signal or write that raced this wait is in the queue after it. Writes are refused
     * only after the reactors finished: a reactor's command may write this very stream.
     */
    private void finishSideWork() {
        sideWork.awaitAll();
        ending = true;
        Workflow.await(Workflow::isEveryHandlerFinished);
    }

    private void continueAsNew() {
        boolean cursor = nextRun.withACursor();
        // Debounced reactions travel on rather than run early, so a burst across runs still runs once.
        List<PendingReaction> pending = nextRun.pendingReactions(cursor);
        finishSideWork();
        if (parking.isParked()) {
            answerOperator(); // an answer that reached this run while it was ending goes on with the next
        }
        signalHold.beforeContinuing();
        Workflow.continueAsNew(nextRun.input(cursor, pending, parking.parked()));
    }
}
