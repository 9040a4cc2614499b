package dev.foldwork.workflows.fold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.foldwork.activities.MapActivities;
import dev.foldwork.activities.ReactorActivities;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.projections.ReactorBinding;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.ReactionPlan;
import dev.foldwork.core.runtime.ReactionRef;
import dev.foldwork.core.runtime.ReactorCall;
import dev.foldwork.core.runtime.SeqRange;
import dev.foldwork.workflows.FoldWorkflowOptions;
import dev.foldwork.workflows.PayloadSize;
import dev.foldwork.workflows.PendingReaction;
import dev.foldwork.workflows.SeqRanges;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The maps and reactors a run starts: fire-and-forget activities with retries of their own (in
 * runs that work inside their task, maps and inline reactors' reactions are local activities). One
 * that gives up is counted and logged, never thrown into the fold loop; all are awaited before
 * the run ends, because activities of a closed run are never executed. Debounced reactions wait
 * here until due; the loop wakes for them, and a run never ends with one pending (it waits for
 * them before completing and hands them to the next run when it continues as new).
 */
final class SideWork {
    private static final Logger log = Workflow.getLogger(SideWork.class);

    private final EventRouter router;
    private final FoldGroupId group;
    private final PipelineShape shape;
    private final FoldWorkflowOptions options;
    private final MapActivities maps;
    private final MapActivities mapsInTask;
    private final ReactorActivities reactors;
    private final ReactorActivities reactorsInTask;
    private final List<Promise<Void>> running = new ArrayList<>();
    private final DebouncedReactions debounced = new DebouncedReactions();
    private long failedReactions;
    private long failedMapBatches;

    /**
     * {@code mapsInTask}: the maps as local activities, in runs that map inside the task ({@link FoldWorkflowImpl});
     * else null. {@code reactorsInTask}: the same for the reactions of the shape's inline reactors; else null.
     */
    SideWork(EventRouter router, FoldGroupId group, PipelineShape shape, FoldWorkflowOptions options, MapActivities maps,
             MapActivities mapsInTask, ReactorActivities reactors, ReactorActivities reactorsInTask) {
        this.router = router;
        this.group = group;
        this.shape = shape;
        this.options = options;
        this.maps = maps;
        this.mapsInTask = mapsInTask;
        this.reactors = reactors;
        this.reactorsInTask = reactorsInTask;
    }

    /**
     * A group of a domain pipeline runs the maps of its run's shape; a global group only folds. A batch
     * over {@code maxActivityInputBytes} goes as stream ranges the activity reads from the store.
     * {@code inTask}: as local activities, inside the workflow task.
     */
    void startMaps(List<Event> batch, boolean inTask) {
        if (group.pipeline().equals(Pipeline.GLOBAL_PROJECTIONS)) {
            return;
        }
        List<SeqRange> ranges = byReference() && PayloadSize.of(batch) > options.maxActivityInputBytes()
                ? SeqRanges.of(batch) : List.of();
        MapActivities mapping = inTask ? mapsInTask : maps;
        for (String map : shape.maps()) {
            awaitRoom();
            Promise<Void> appended = ranges.isEmpty()
                    ? Async.procedure(mapping::append, map, batch)
                    : Async.procedure(mapping::appendRanges, map, ranges);
            running.add(appended.handle((ok, failure) -> {
                if (failure != null) {
                    failedMapBatches++;
                    log.error("map {} gave up on {} events of {}: {}", map, batch.size(), group, rootMessage(failure));
                }
                return null;
            }));
        }
    }

    /**
     * The reactions the {@link ReactionPlan} of this change owes, per reactor of the run's shape
     * (its delay as the shape recorded it); debounced ones wait here until due.
     */
    void startReactors(FoldChange change) {
        for (PipelineShape.ReactorShape reactor : shape.reactorsOf(change.fold())) {
            Optional<ReactorBinding<?>> binding = router.registry().reactorsOf(change.fold()).stream()
                    .filter(known -> known.reactor().name().equals(reactor.reactor())).findFirst();
            // Job ids read the state the fold computed, as in the other modes (none for a reactor the worker no longer has).
            startReactions(reactor, binding.map(known -> ReactionPlan.Binding.of(known, change.state()).jobIds())
                    .orElse(event -> Optional.empty()), change);
        }
    }

    /** Starts the debounced reactions that are due now; true if there were any. */
    boolean startDueReactions() {
        List<ReactorCall> due = debounced.takeDue(Workflow.currentTimeMillis());
        due.forEach(this::start);
        return !due.isEmpty();
    }

    /** How long until the next debounced reaction is due, if one is pending. */
    Optional<Duration> untilNextReaction() {
        return debounced.untilNextDue(Workflow.currentTimeMillis());
    }

    /** Debounced reactions a previous run handed over. */
    void restorePending(List<PendingReaction> carried) {
        debounced.restore(carried);
    }

    /**
     * The pending reactions for the next run, carried so that a burst spanning a continue-as-new
     * still runs once. Those beyond {@code budgetBytes} (the next run's input is one payload) start
     * now, earliest due first: early rather than lost.
     */
    List<PendingReaction> handOverPending(long budgetBytes) {
        long bytes = 0;
        for (PendingReaction pending : debounced.toList()) {
            bytes += PayloadSize.of(pending.call());
        }
        while (bytes > budgetBytes) {
            ReactorCall early = debounced.takeEarliest().orElseThrow();
            bytes -= PayloadSize.of(early);
            start(early);
        }
        return debounced.toList();
    }

    int mapCount() {
        return group.pipeline().equals(Pipeline.GLOBAL_PROJECTIONS) ? 0 : shape.maps().size();
    }

    int pendingReactions() {
        return debounced.size();
    }

    /** Forgets what has finished, so a long run holds only what is in flight. */
    void prune() {
        running.removeIf(Promise::isCompleted);
    }

    void awaitAll() {
        Promise.allOf(running).get();
        running.clear();
    }

    long failedReactions() {
        return failedReactions;
    }

    long failedMapBatches() {
        return failedMapBatches;
    }

    private void startReactions(PipelineShape.ReactorShape reactor, Function<Event, Optional<String>> jobIds,
                                FoldChange change) {
        // by reference, the activity reads the state back; a debounced call carried on stays small
        JsonNode carriedState = byReference() ? NullNode.getInstance() : change.stored().state();
        ReactionPlan plan = ReactionPlan.of(
                new ReactionPlan.Batch(group, change.fold(), change.applied(), carriedState, change.stored().rank()),
                List.of(new ReactionPlan.Binding(change.fold(), reactor.reactor(), reactor.delay(), jobIds,
                        reactor.oncePerBatch())));
        if (!plan.unplanned().isEmpty()) {
            throw plan.unplanned().get(0).error(); // the reactor's jobId threw: this task fails, as it always did
        }
        long now = Workflow.currentTimeMillis();
        for (ReactionPlan.Reaction reaction : plan.reactions()) {
            if (reaction.debounced()) {
                debounced.add(reaction.jobKey().orElseThrow(), reaction.call(), reaction.delay(), now, debounceHasMaxWait());
            } else {
                start(reaction.call());
            }
        }
    }

    /**
     * Whether a debounced reaction waits at most {@link ReactionPlan#MAX_WAIT_DELAYS} delays, as
     * in the other modes; runs recorded before restarted the delay without bound, and replay so.
     */
    private boolean debounceHasMaxWait() {
        return Workflow.getVersion("debounce-max-wait", Workflow.DEFAULT_VERSION, 1) == 1;
    }

    private void start(ReactorCall call) {
        ReactorActivities reacting = runsInTask(call) ? reactorsInTask : reactors;
        awaitRoom();
        Promise<Void> reacted = byReference()
                ? Async.procedure(reacting::reactTo, ReactionRef.of(call))
                : Async.procedure(reacting::react, call);
        running.add(reacted.handle((ok, failure) -> {
            if (failure != null) {
                failedReactions++;
                log.error("reactor {} gave up on event {} of {}: {}", call.reactor(), call.event().id(), group,
                        rootMessage(failure));
            }
            return null;
        }));
    }

    /** Whether a reaction runs as a local activity in this task: its reactor is inline and the run works in its task. */
    private boolean runsInTask(ReactorCall call) {
        return reactorsInTask != null && shape.isInline(call.fold(), call.reactor());
    }

    /** Estimated bytes of the inline reactions one applied change starts in this task (one per event and inline reactor, at most). */
    long inlineReactionBytes(FoldChange change) {
        if (reactorsInTask == null) {
            return 0;
        }
        long inline = shape.reactorsOf(change.fold()).stream().filter(PipelineShape.ReactorShape::inline).count();
        return inline == 0 ? 0 : inline * (PayloadSize.of(change.applied()) + change.applied().size() * PayloadSize.REFERENCE);
    }

    /**
     * Waits until fewer than {@code maxPendingActivities} run: a real server fails workflow tasks
     * beyond 2,000 pending, and each adds two history events when it ends. Runs recorded before the
     * cap never waited, and replay so.
     */
    private void awaitRoom() {
        int cap = options.maxPendingActivities();
        if (running.size() < cap) {
            return;
        }
        running.removeIf(Promise::isCompleted);
        if (running.size() >= cap && Workflow.getVersion("cap-pending-activities", Workflow.DEFAULT_VERSION, 1) == 1) {
            Workflow.await(() -> running.stream().filter(promise -> !promise.isCompleted()).count() < cap);
            running.removeIf(Promise::isCompleted);
        }
    }

    /**
     * Maps get stream ranges when their batch is large and reactors get references ({@link ReactionRef}),
     * so no activity input carries a whole fold state or more events than its budget. Runs recorded
     * before passed events and states, and replay so.
     */
    private boolean byReference() {
        return Workflow.getVersion("maps-and-reactions-by-reference", Workflow.DEFAULT_VERSION, 1) == 1;
    }

    static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
