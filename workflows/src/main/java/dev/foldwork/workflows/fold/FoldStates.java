package dev.foldwork.workflows.fold;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.runtime.FoldStep;
import dev.foldwork.core.runtime.SkippedEvent;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.StoredFold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live states of one group's folds inside the workflow. Pure and deterministic. A batch is
 * applied to every fold or to none: if one fold throws, no state changes. Folds consume by
 * {@code seq}: an aggregate fold skips what its position holds; a global fold is given its
 * positions in the batch's streams, read from the store for each batch.
 */
final class FoldStates {
    private final List<Slot<?>> slots = new ArrayList<>();

    private static final class Slot<S> {
        final FoldProjection<S> fold;
        S state;
        FoldCheckpoint checkpoint;
        /** The generation loaded: states are stored in it, so they lose to a rebuild's newer one. */
        final int generation;

        Slot(FoldProjection<S> fold, StoredFold stored) {
            this.fold = fold;
            this.state = stored == null ? fold.init() : Json.fromNode(stored.state(), fold.stateType());
            this.checkpoint = stored == null ? FoldCheckpoint.START : stored.checkpoint();
            this.generation = stored == null ? 0 : stored.generation();
        }

        Pending<S> apply(List<Event> events, Map<StreamId, Long> positions, boolean global, Set<String> skipped) {
            FoldStep.Result<S> result = global
                    ? FoldStep.applyGlobal(fold, state, checkpoint, positions, events, skipped)
                    : FoldStep.apply(fold, state, checkpoint, events, skipped);
            return new Pending<>(this, result);
        }
    }

    private record Pending<S>(Slot<S> slot, FoldStep.Result<S> result) {
        FoldChange commit() {
            slot.state = result.state();
            slot.checkpoint = result.checkpoint();
            return result.changed()
                    ? new FoldChange(slot.fold.name(), new StoredFold(Json.toNode(result.state()), result.checkpoint(), slot.generation),
                            result.state(), result.applied(), result.positions())
                    : null;
        }
    }

    FoldStates(List<FoldProjection<?>> folds, Map<String, StoredFold> stored) {
        for (FoldProjection<?> fold : folds) {
            slots.add(new Slot<>(fold, stored.get(fold.name())));
        }
    }

    /** The lowest position of the group's folds: an aggregate group needs the events after it. */
    long lowestPosition() {
        return slots.stream().mapToLong(s -> s.checkpoint.position()).min().orElse(0);
    }

    /**
     * Applies a batch to every fold; a fold consumes the events {@code skips} name for it without
     * applying them. {@code positions} are a global fold's stream positions (empty for an
     * aggregate group). Returns the folds that consumed something, in registration order.
     *
     * @throws dev.foldwork.core.runtime.FoldApplyException a fold threw; no state changed
     */
    List<FoldChange> apply(List<Event> batch, Map<StreamId, Long> positions, boolean global, Set<SkippedEvent> skips) {
        List<Pending<?>> pending = new ArrayList<>(slots.size());
        for (Slot<?> slot : slots) {
            pending.add(slot.apply(batch, positions, global, SkippedEvent.by(slot.fold.name(), skips)));
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

    /** The version of the group's (only) global fold, as of which its stream positions are read. */
    long version() {
        return slots.isEmpty() ? 0 : slots.get(0).checkpoint.position();
    }

    Map<String, JsonNode> view() {
        Map<String, JsonNode> states = new LinkedHashMap<>();
        for (Slot<?> slot : slots) {
            states.put(slot.fold.name(), Json.toNode(slot.state));
        }
        return states;
    }
}
