package dev.foldwork.workflows.fold;

import dev.foldwork.activities.FoldStateActivities;
import dev.foldwork.activities.GlobalSignalActivities;
import dev.foldwork.activities.MapActivities;
import dev.foldwork.activities.ReactorActivities;
import dev.foldwork.activities.StreamWriteActivities;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.SeqRange;
import dev.foldwork.workflows.FoldRun;
import dev.foldwork.workflows.FoldView;
import dev.foldwork.workflows.FoldWorkflow;
import dev.foldwork.workflows.FoldWorkflowOptions;
import dev.foldwork.workflows.StreamWrite;
import dev.foldwork.workflows.WriteFailures;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The fold workflow of one group: sets a run up from what the previous run handed over (recording
 * the options and the pipeline shape it works with, loading the folds' states) and hands it to its
 * loop ({@link FoldLoop}); takes the signals, updates and queries, which may come before that setup.
 * An aggregate group's run is also its stream's single writer ({@link StreamAppends}): written
 * events join the queue like delivered ones; an ending run refuses new writes (the client sends
 * them to its successor) and answers every accepted one before it ends.
 */
public final class FoldWorkflowImpl implements FoldWorkflow {
    private static final Logger log = Workflow.getLogger(FoldWorkflowImpl.class);
    /**
     * Events one batch reads from the store at most (one page, see {@link FoldStateActivities#READ_PAGE}):
     * what a workflow task completes (the read's marker, the map activity's input) stays far below
     * the 4 MB of a gRPC message and the 2 MB of a payload, and a fold far behind catches up over
     * several batches, between which the run's history limits are checked.
     */
    public static final long READ_BUDGET_PER_BATCH = FoldStateActivities.READ_PAGE;
    /** Continue as new after this many writes: Temporal refuses more than 2,000 updates in one run. */
    public static final int MAX_WRITES_PER_RUN = 1_000;

    private final EventRouter router;
    private final FoldWorkflowOptions configured;
    // Signal, update and query handlers may come before the run has set up: these exist from the start.
    private final EventQueue queue = new EventQueue();
    private final Parking parking = new Parking();
    private final FoldProgress progress = new FoldProgress();
    private final RunBudget budget = new RunBudget();

    private FoldWorkflowOptions options;
    private FoldStateActivities foldLoads;
    private FoldGroupId group;
    private List<FoldProjection<?>> groupFolds;
    private SideWork sideWork;
    private StreamAppends appends;
    /** Set once the folds' states are loaded; null before. */
    private BatchStep batches;
    private FoldLoop loop;

    public FoldWorkflowImpl(EventRouter router, FoldWorkflowOptions options) {
        this.router = router;
        this.configured = options;
    }

    @Override
    public void run(FoldRun run) {
        // The limits shape the history (batch sizes, when to continue as new), so a run records the
        // options it started with and replays with those even after the worker's configuration changed.
        options = Workflow.sideEffect(FoldWorkflowOptions.class, () -> configured);
        foldLoads = Workflow.newLocalActivityStub(FoldStateActivities.class, options.activities().load());
        boolean inTask = persistsAndMapsInTheTask();
        FoldStateActivities foldStates = Workflow.newActivityStub(FoldStateActivities.class, options.activities().persist());
        FoldStateActivities foldStatesInTask = inTask
                ? Workflow.newLocalActivityStub(FoldStateActivities.class, options.activities().persistInTask()) : null;
        group = run.group();
        boolean global = router.isGlobal(group);
        PipelineShape shape = recordShape();
        groupFolds = shape.foldsIn(router, group);
        sideWork = new SideWork(router, group, shape, options,
                Workflow.newActivityStub(MapActivities.class, options.activities().map()),
                inTask ? Workflow.newLocalActivityStub(MapActivities.class, options.activities().mapInTask()) : null,
                Workflow.newActivityStub(ReactorActivities.class, options.activities().reactor()),
                // every run that works in its task recorded its shape: one recorded before inline reactors has none
                inTask && !global
                        ? Workflow.newLocalActivityStub(ReactorActivities.class, options.activities().reactorInTask()) : null);
        queue.toHead(run.carried()); // ahead of anything this run was already signalled
        sideWork.restorePending(run.pendingReactions());
        parking.park(run.parked());
        progress.restore(run);
        queue.addStored(run.stored());

        if (!global) {
            appends = new StreamAppends(new StreamId(group.tenantId(), group.aggregateType(), group.aggregateKey()),
                    Workflow.newLocalActivityStub(StreamWriteActivities.class, options.activities().append()),
                    run.writer(), queue::add);
        }
        RunDetails details = new RunDetails(progress, queue, appends, sideWork, parking);
        batches = new BatchStep(options, global, this::loadFolds, foldLoads, queue,
                new GapFilling(router, group, global, groupFolds, foldLoads),
                new FoldPersists(group, global, foldStates, foldStatesInTask, sideWork),
                sideWork, progress, budget, details);
        GlobalSignalHold signalHold = new GlobalSignalHold(group, global
                ? Workflow.newLocalActivityStub(GlobalSignalActivities.class, options.activities().holdSignals()) : null);
        loop = new FoldLoop(group, options, queue, parking, progress, budget, sideWork, details,
                new NextRun(group, !groupFolds.isEmpty(), options, queue, sideWork, progress, appends), batches, signalHold);
        loop.run();
    }

    /**
     * Whether this run persists its folds and runs its maps as local activities, inside the
     * workflow task that applied the batch: a batch then costs one workflow task, where activities
     * cost an activity task each and the workflow task their completion wakes (three to four
     * tasks per batch, most of a worker's time per event). Neither is held for a pending-activity
     * budget. Runs recorded before used activities, and replay so.
     */
    private static boolean persistsAndMapsInTheTask() {
        return Workflow.getVersion("persist-and-map-in-the-task", Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /**
     * The pipeline shape this run works with, recorded when it starts ({@link PipelineShape}).
     * Runs recorded before read the worker's registry, and replay so.
     */
    private PipelineShape recordShape() {
        if (Workflow.getVersion("record-pipeline-shape", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return PipelineShape.of(router, group);
        }
        return Workflow.sideEffect(PipelineShape.class, () -> PipelineShape.of(router, group));
    }

    private FoldStates loadFolds() {
        return new FoldStates(groupFolds, foldLoads.load(group, groupFolds.stream().map(FoldProjection::name).toList()));
    }

    @Override
    public void events(List<Event> events) {
        budget.signalled();
        queue.add(events);
    }

    @Override
    public void stored(List<SeqRange> ranges) {
        budget.signalled();
        queue.addStored(ranges);
    }

    @Override
    public long write(StreamWrite write) {
        budget.written();
        if (loop != null && loop.isEnding()) {
            // answered at once, so the run can end; a validator's refusal would lose this failure's type
            throw ApplicationFailure.newFailure("the run of " + group + " is ending; write to its successor",
                    WriteFailures.RUN_ENDING);
        }
        Workflow.await(() -> batches != null); // a write can reach a new run before its state is loaded
        if (appends == null) {
            throw ApplicationFailure.newNonRetryableFailure(group + " folds a global projection and writes no stream",
                    WriteFailures.INVALID);
        }
        return appends.write(write);
    }

    /** Unlike a write, not refused by an ending run: a signal has no caller to retry it, so the run stores it before it ends. */
    @Override
    public void accept(StreamWrite write) {
        budget.signalled();
        Workflow.await(() -> batches != null);
        if (appends == null || write == null || write.events().isEmpty()) {
            log.error("{} cannot store an accepted write of {}; ignored", group, write == null ? null : write.stream());
            return;
        }
        appends.accept(write);
    }

    @Override
    public void validateWrite(StreamWrite write) {
        if (write == null || write.stream() == null || write.events().isEmpty()
                || !write.events().stream().allMatch(event -> write.stream().equals(event.stream()))) {
            throw ApplicationFailure.newNonRetryableFailure("a write names its stream and has at least one event,"
                    + " all of that stream", WriteFailures.INVALID);
        }
    }

    @Override
    public String retryParked() {
        parking.askRetry();
        return "retrying " + parking.parked().eventId() + " of " + group;
    }

    @Override
    public void validateRetryParked() {
        parking.validateRetry(group);
    }

    @Override
    public String skipParked(String eventId) {
        parking.askSkip(eventId);
        return "skipping " + eventId + " for " + parking.parked().fold() + " of " + group;
    }

    @Override
    public void validateSkipParked(String eventId) {
        parking.validateSkip(group, eventId);
    }

    @Override
    public void retry() {
        parking.askRetry();
    }

    @Override
    public void skip(String eventId) {
        parking.askSkip(eventId);
    }

    @Override
    public FoldView view() {
        Event last = progress.last();
        return new FoldView(group == null ? "" : group.toString(), batches == null ? Map.of() : batches.folds().view(),
                last == null ? null : last.id(), last == null ? null : last.type(), progress.applied(), queue.size(),
                parking.parked(), sideWork == null ? 0 : sideWork.failedReactions(),
                sideWork == null ? 0 : sideWork.failedMapBatches());
    }
}
