package dev.foldwork.workflows.fold;

import dev.foldwork.activities.FoldStateActivities;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.JsonSize;
import dev.foldwork.core.runtime.FoldApplyException;
import dev.foldwork.workflows.FoldWorkflowOptions;
import dev.foldwork.workflows.Parked;
import dev.foldwork.workflows.PayloadSize;
import java.util.List;
import java.util.function.Supplier;

/**
 * One batch of the loop: take it from the queue, fill its gaps, apply every fold in memory, start
 * the maps, persist each changed fold once and start its reactors. A fold that throws, or a persist
 * that fails, parks the group with the batch back at the queue's head; a persist a rebuild
 * superseded loads the folds again and puts the batch back.
 */
final class BatchStep {
    private final FoldWorkflowOptions options;
    private final boolean global;
    private final FoldStateActivities foldLoads;
    private final Supplier<FoldStates> load;
    private final EventQueue queue;
    private final GapFilling gaps;
    private final FoldPersists persists;
    private final SideWork sideWork;
    private final FoldProgress progress;
    private final RunBudget budget;
    private final RunDetails details;
    private final TaskBudget taskBudget = new TaskBudget();
    private FoldStates folds;

    /** {@code load} loads the folds' states from the store: now, for the run to start from, and again after a rebuild. */
    BatchStep(FoldWorkflowOptions options, boolean global, Supplier<FoldStates> load, FoldStateActivities foldLoads,
              EventQueue queue, GapFilling gaps, FoldPersists persists, SideWork sideWork, FoldProgress progress,
              RunBudget budget, RunDetails details) {
        this.options = options;
        this.global = global;
        this.load = load;
        this.foldLoads = foldLoads;
        this.queue = queue;
        this.gaps = gaps;
        this.persists = persists;
        this.sideWork = sideWork;
        this.progress = progress;
        this.budget = budget;
        this.details = details;
        this.folds = load();
    }

    /** The folds' live states. */
    FoldStates folds() {
        return folds;
    }

    /** Applies the next batch, if there is one; returns why the group parks now, or null. */
    Parked applyNext() {
        boolean inTask = sideWorkInTask();
        queue.readStored(foldLoads::readEvents);
        List<Event> batch = queue.take(options.maxBatch());
        if (batch.isEmpty()) {
            return null;
        }
        List<FoldChange> changes;
        List<Event> complete;
        List<Event> deferred;
        try {
            GapFilling.Filled filled = gaps.fill(batch, folds);
            complete = filled.events();
            deferred = filled.deferred();
            changes = folds.apply(complete, filled.positions(), global, progress.skips());
        } catch (FoldApplyException e) {
            queue.toHead(batch);
            return new Parked(e.fold(), e.eventId(), e.getMessage(), Parked.Cause.FOLD_FAILED);
        }
        if (inTask) {
            taskBudget.charge(sideWorkBytes(complete, changes));
        }
        if (!complete.isEmpty()) {
            sideWork.startMaps(complete, inTask);
        }

        FoldPersists.Outcome persisted = persists.persist(changes, batch, inTask);
        if (persisted.superseded() && persisted.failed() == null) {
            // A rebuild stored newer states: go on from them (and their positions); the batch again, its seqs
            // skip what they hold.
            folds = load();
            gaps.forgetPositions();
            queue.toHead(batch);
            return null;
        }
        if (persisted.failed() != null) {
            queue.toHead(batch); // the next run reloads what was stored; checkpoints skip what is in
            return persisted.failed();
        }

        gaps.persisted(changes);
        queue.toHead(deferred); // on a park above, the whole batch went back instead
        progress.consumed(complete);
        budget.applied(batch.size());
        sideWork.prune();
        details.show();
        return null;
    }

    /** The folds' states from the store; the task that loaded them ends before it persists a batch ({@link TaskBudget}). */
    private FoldStates load() {
        FoldStates loaded = load.get();
        taskBudget.loaded();
        return loaded;
    }

    /**
     * Whether this batch reads, persists and maps inside the workflow task, having ended the task
     * first if it is full or loaded the folds' states ({@link TaskBudget}). A global fold's persist
     * carries the positions of every stream in its batch and its batches follow each other without
     * pause: it keeps to activities, which end the task.
     */
    private boolean sideWorkInTask() {
        if (!persists.inTaskAvailable() || global) {
            return false;
        }
        taskBudget.awaitRoom();
        return true;
    }

    /**
     * What the batch's reads, persists, maps and inline reactions carry, about: the events once read
     * and once per map, each fold's state, and a reference with its event per inline reaction.
     */
    private long sideWorkBytes(List<Event> complete, List<FoldChange> changes) {
        long bytes = (sideWork.mapCount() + 1L) * PayloadSize.of(complete);
        for (FoldChange change : changes) {
            bytes += JsonSize.utf8Bytes(change.stored().state()) + sideWork.inlineReactionBytes(change);
        }
        return bytes;
    }
}
