package dev.foldwork.workflows.fold;

import dev.foldwork.activities.FoldStateActivities;
import dev.foldwork.activities.StreamPosition;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.GapFiller;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events a batch applies: the batch, with what lies between the folds' positions and its
 * events read from the store, up to a read budget (what waits behind it is deferred to the next
 * batch). A global fold's positions are per stream ({@link KnownPositions}) and it takes only the
 * events routed to its key.
 */
final class GapFilling {
    /** The events to apply, those deferred, and a global fold's positions in the batch's streams (else empty). */
    record Filled(List<Event> events, List<Event> deferred, Map<StreamId, Long> positions) {}

    private final EventRouter router;
    private final FoldGroupId group;
    private final boolean global;
    private final List<FoldProjection<?>> groupFolds;
    private final FoldStateActivities foldLoads;
    private final KnownPositions knownPositions = new KnownPositions();

    GapFilling(EventRouter router, FoldGroupId group, boolean global, List<FoldProjection<?>> groupFolds,
               FoldStateActivities foldLoads) {
        this.router = router;
        this.group = group;
        this.global = global;
        this.groupFolds = groupFolds;
        this.foldLoads = foldLoads;
    }

    /** The batch with its gaps filled, as of the positions of {@code folds}. */
    Filled fill(List<Event> batch, FoldStates folds) {
        Map<StreamId, Long> positions = global ? globalPositions(batch, folds) : Map.of();
        GapFiller.Completed filled = global
                ? GapFiller.complete(batch, s -> positions.getOrDefault(s, 0L), this::routedHere, foldLoads::readEvents,
                        FoldWorkflowImpl.READ_BUDGET_PER_BATCH)
                : mapsOnly()
                ? new GapFiller.Completed(batch, List.of())
                : GapFiller.complete(batch, s -> folds.lowestPosition(), e -> true, foldLoads::readEvents,
                        FoldWorkflowImpl.READ_BUDGET_PER_BATCH);
        return new Filled(filled.events(), filled.deferred(), positions);
    }

    /** After a persist: the positions the stored states reached. */
    void persisted(List<FoldChange> changes) {
        changes.forEach(change -> knownPositions.persisted(change.positions()));
    }

    /** After a reload (a rebuild swapped the states): every position is read again. */
    void forgetPositions() {
        knownPositions.forget();
    }

    /**
     * A group without folds (the writer of a pipeline with neither, or a maps-only pipeline's run
     * recorded before such pipelines got a {@code MapPositionFold}) has no position to fill gaps
     * from: its maps take each event as it comes and tolerate repeats. Runs recorded before this
     * read from seq 1 instead, and replay so.
     */
    private boolean mapsOnly() {
        return groupFolds.isEmpty()
                && Workflow.getVersion("maps-only-group-reads-no-gaps", Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /** A global fold's positions in the batch's streams, as of the state this run holds. */
    private Map<StreamId, Long> globalPositions(List<Event> batch, FoldStates folds) {
        Set<StreamId> streams = new LinkedHashSet<>();
        batch.forEach(e -> streams.add(e.streamId()));
        return knownPositions.of(streams, missing -> StreamPosition.mapOf(
                foldLoads.streamPositions(group, group.aggregateType().value(), missing, folds.version())));
    }

    private boolean routedHere(Event event) {
        return groupFolds.stream()
                .anyMatch(fold -> router.routesTo((GlobalFoldProjection<?>) fold, event, group));
    }
}
