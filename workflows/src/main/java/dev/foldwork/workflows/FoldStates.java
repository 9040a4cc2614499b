package dev.foldwork.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.runtime.FoldStep;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.StoredFold;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live states of one group's folds inside the workflow. Pure and deterministic. A batch is
 * applied to every fold or to none: if one fold throws, no state changes.
 */
final class FoldStates {
    private final List<Slot<?>> slots = new ArrayList<>();

    private static final class Slot<S> {
        final FoldProjection<S> fold;
        S state;
        FoldCheckpoint checkpoint;

        Slot(FoldProjection<S> fold, StoredFold stored) {
            this.fold = fold;
            this.state = stored == null ? fold.init() : Json.fromNode(stored.state(), fold.stateType());
            this.checkpoint = stored == null ? FoldCheckpoint.START : stored.checkpoint();
        }

        Pending<S> apply(List<Event> events, Set<String> skipped) {
            S next = state;
            FoldCheckpoint at = checkpoint;
            List<Event> applied = new ArrayList<>();
            List<Event> run = new ArrayList<>();
            for (Event event : events) {
                if (!skipped.contains(event.id())) {
                    run.add(event);
                    continue;
                }
                FoldStep.Result<S> result = FoldStep.apply(fold, next, at, run);
                next = result.state();
                at = FoldStep.skip(result.checkpoint(), event);
                applied.addAll(result.applied());
                run.clear();
            }
            FoldStep.Result<S> result = FoldStep.apply(fold, next, at, run);
            applied.addAll(result.applied());
            return new Pending<>(this, result.state(), result.checkpoint(), applied);
        }
    }

    private record Pending<S>(Slot<S> slot, S state, FoldCheckpoint checkpoint, List<Event> applied) {
        FoldChange commit() {
            boolean moved = slot.checkpoint.position() != checkpoint.position();
            slot.state = state;
            slot.checkpoint = checkpoint;
            return moved ? new FoldChange(slot.fold.name(), new StoredFold(Json.toNode(state), checkpoint), applied) : null;
        }
    }

    FoldStates(List<FoldProjection<?>> folds, Map<String, StoredFold> stored) {
        for (FoldProjection<?> fold : folds) {
            slots.add(new Slot<>(fold, stored.get(fold.name())));
        }
    }

    /** Ids every fold has consumed: a redelivery of one of them can be dropped for the whole group. */
    List<String> consumedByEveryFold() {
        if (slots.isEmpty()) {
            return List.of();
        }
        List<String> common = new ArrayList<>(slots.get(0).checkpoint.recentEventIds());
        for (Slot<?> slot : slots) {
            common.retainAll(new HashSet<>(slot.checkpoint.recentEventIds()));
        }
        return common;
    }

    /**
     * Applies a batch to every fold; {@code skips} maps an event id to the one fold that consumes
     * it without applying it. Returns the folds whose state moved, in registration order.
     *
     * @throws dev.foldwork.core.runtime.FoldApplyException a fold threw; no state changed
     */
    List<FoldChange> apply(List<Event> batch, Map<String, String> skips) {
        List<Pending<?>> pending = new ArrayList<>(slots.size());
        for (Slot<?> slot : slots) {
            Set<String> skipped = new HashSet<>();
            skips.forEach((eventId, fold) -> {
                if (fold.equals(slot.fold.name())) {
                    skipped.add(eventId);
                }
            });
            pending.add(slot.apply(batch, skipped));
        }
        List<FoldChange> changes = new ArrayList<>();
        for (Pending<?> p : pending) {
            FoldChange change = p.commit();
            if (change != null) {
                changes.add(change);
            }
        }
        return changes;
    }

    Map<String, JsonNode> view() {
        Map<String, JsonNode> states = new LinkedHashMap<>();
        for (Slot<?> slot : slots) {
            states.put(slot.fold.name(), Json.toNode(slot.state));
        }
        return states;
    }
}
