package dev.foldwork.workflows.fold;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.workflows.FoldRun;
import dev.foldwork.workflows.FoldWorkflowOptions;
import dev.foldwork.workflows.Parked;
import dev.foldwork.workflows.PayloadSize;
import dev.foldwork.workflows.PendingReaction;
import dev.foldwork.workflows.SeqRanges;
import dev.foldwork.workflows.StreamWriterState;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a run that continues as new hands to the next, within the one payload that input is: the
 * queue (as stored ranges to read, trimmed, or whole), the debounced reactions that fit, the
 * progress, the parked event and the stream writer's state; and whether a full run can hand its
 * queue over now.
 */
final class NextRun {
    private final FoldGroupId group;
    private final boolean hasFolds;
    private final FoldWorkflowOptions options;
    private final EventQueue queue;
    private final SideWork sideWork;
    private final FoldProgress progress;
    private final StreamAppends appends;

    /** {@code appends}: null for a global group, which writes no stream. */
    NextRun(FoldGroupId group, boolean hasFolds, FoldWorkflowOptions options, EventQueue queue, SideWork sideWork,
            FoldProgress progress, StreamAppends appends) {
        this.group = group;
        this.hasFolds = hasFolds;
        this.options = options;
        this.queue = queue;
        this.sideWork = sideWork;
        this.progress = progress;
        this.appends = appends;
    }

    /** Whether a full run can continue as new now: its queue fits the next run's input, or goes trimmed. */
    boolean takesTheQueue() {
        return queueFits() || carriesATrimmedQueue();
    }

    private boolean queueFits() {
        return queue.size() <= options.maxCarried() && PayloadSize.of(queue.queued()) <= options.maxCarriedBytes();
    }

    /**
     * A full run of a group with folds continues as new whatever its queue holds: the next run reads
     * what it was not handed from the store ({@link #withACursor}). Runs recorded before
     * this applied batches until the queue fit (a burst grew one run past any history limit), and
     * replay so; a group without folds has no position to read from and carries its events.
     */
    private boolean carriesATrimmedQueue() {
        return hasFolds
                && Workflow.getVersion("carry-a-trimmed-queue", Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /**
     * A group with folds hands on where its queue is stored, not the events (the next run reads them).
     * Runs recorded before carried the queue's head and each stream's last event ({@link CarriedQueue}),
     * which also left less room for debounced reactions (more started early), and replay so.
     */
    boolean withACursor() {
        return hasFolds
                && Workflow.getVersion("continue-with-a-cursor", Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /**
     * The debounced reactions that travel on rather than run early, so a burst across runs still
     * runs once: as many as the input leaves room for beside the queue as it goes now.
     */
    List<PendingReaction> pendingReactions(boolean cursor) {
        long carriedBytes = cursor
                ? (long) (queue.storedRanges().size() + SeqRanges.of(List.copyOf(queue.queued())).size())
                        * PayloadSize.REFERENCE
                : PayloadSize.of(queue.queued());
        return sideWork.handOverPending(Math.max(0, options.maxCarriedBytes() - carriedBytes));
    }

    /** The next run's input, from the queue as it is once the run's side work and handlers finished. */
    FoldRun input(boolean cursor, List<PendingReaction> pending, Parked parked) {
        List<Event> carried = new ArrayList<>();
        if (cursor) {
            // every queued event is stored: the next run reads them
            queue.addStored(SeqRanges.of(List.copyOf(queue.queued())));
        } else if (hasFolds) {
            long pendingBytes = pending.stream().mapToLong(p -> PayloadSize.of(p.call())).sum();
            carried.addAll(CarriedQueue.trim(queue.queued(), options.maxCarried(),
                    Math.max(0, options.maxCarriedBytes() - pendingBytes)));
        } else {
            carried.addAll(queue.queued());
        }
        return new FoldRun(group, carried, parked, Map.of(), progress.applied(), progress.last(), pending,
                appends == null ? StreamWriterState.unknown() : appends.state(), progress.skipsToHandOver(),
                queue.storedRanges());
    }
}
