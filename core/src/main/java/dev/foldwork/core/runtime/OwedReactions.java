package dev.foldwork.core.runtime;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.core.projections.ReactorBinding;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reactions read back from the stores: a reaction queued by reference ({@link ReactionRef}), and
 * the reactions a fold job owes again when it is retried. A fold job whose fold persisted and whose
 * reactions then could not be queued (Redis away, a failure after the store) is retried, and the
 * retry finds its events applied: applying nothing, it would owe nothing, and the reactions would
 * be lost. So a retry owes the reactions of its applied events again. Reactions are therefore at
 * least once: one queued before the failure runs twice (a debounced reactor coalesces them).
 */
public final class OwedReactions {
    private final EventRouter router;
    private final EventStore eventStore;
    private final FoldStore foldStore;
    private final StoredStates stored;

    /** {@code stored} holds the states this process stored, which a reaction by reference takes before reading the store. */
    public OwedReactions(EventRouter router, EventStore eventStore, FoldStore foldStore, StoredStates stored) {
        this.router = router;
        this.eventStore = eventStore;
        this.foldStore = foldStore;
        this.stored = stored;
    }

    /**
     * The call a reference names, with the fold's state as stored now: stored before the reaction
     * was queued and never replaced by an older one, it holds the event (and maybe later ones); a
     * state this process stored at that rank or above holds it too and is taken without a read. A
     * stored state ranked below the one the reaction was owed at (a store that lost its latest
     * writes) fails the attempt, so the reactor never sees a state without its event.
     */
    public ReactorCall read(ReactionRef ref) {
        Event event = ref.event() != null ? ref.event() : storedEvent(ref);
        StoredFold remembered = stored.recall(ref.group(), ref.fold(), ref.stateRank());
        StoredFold state = remembered != null ? remembered
                : foldStore.get(ref.group().tenantId(), ref.fold(), ref.group().aggregateKey())
                .orElseThrow(() -> new IllegalStateException("fold " + ref.fold() + " has no stored state for "
                        + ref.group() + ", which reactor " + ref.reactor() + " reacts to"));
        if (state.rank() < ref.stateRank()) {
            throw new IllegalStateException("fold " + ref.fold() + " of " + ref.group() + " is stored at rank " + state.rank()
                    + ", below rank " + ref.stateRank() + " that reactor " + ref.reactor() + " was owed at; it is tried again");
        }
        return new ReactorCall(ref.group(), ref.fold(), ref.reactor(), event, state.state(), state.rank());
    }

    private Event storedEvent(ReactionRef ref) {
        List<Event> events = eventStore.read(ref.stream(), ref.seq(), ref.seq());
        if (events.isEmpty()) {
            throw new IllegalStateException("the event at seq " + ref.seq() + " of " + ref.stream()
                    + " that reactor " + ref.reactor() + " reacts to is not in the event store");
        }
        return events.get(0);
    }

    /**
     * The reactions of a retried fold job's events, planned per fold with its stored state, when
     * every fold of the group already holds every one of them: then the attempt that failed stored
     * them all, and what failed came after (queuing the reactions). When a fold does not hold them
     * (it failed on one, or its store did), that attempt's reactions were queued as usual and none
     * is owed.
     */
    public void again(FoldGroupId group, List<Event> events, Consumer<ReactionPlan> owed) {
        List<ReactionPlan> plans = new ArrayList<>();
        for (FoldProjection<?> fold : router.folds(group)) {
            Optional<StoredFold> stored = foldStore.get(group.tenantId(), fold.name(), group.aggregateKey());
            Positions held = stored.isEmpty() ? event -> false : positions(group, fold, stored.get(), events);
            List<Event> applied = new ArrayList<>();
            for (Event event : events) {
                if (!routed(group, fold, event)) {
                    continue;
                }
                if (!held.holds(event)) {
                    return;
                }
                applied.add(event);
            }
            List<ReactorBinding<?>> reactors = router.registry().reactorsOf(fold.name());
            if (applied.isEmpty() || reactors.isEmpty()) {
                continue;
            }
            Object state = Json.fromNode(stored.get().state(), fold.stateType());
            plans.add(ReactionPlan.of(new ReactionPlan.Batch(group, fold.name(), applied, stored.get().state(), stored.get().rank()),
                    reactors.stream().map(binding -> ReactionPlan.Binding.of(binding, state)).toList()));
        }
        plans.forEach(owed);
    }

    private boolean routed(FoldGroupId group, FoldProjection<?> fold, Event event) {
        return !(fold instanceof GlobalFoldProjection<?> global) || router.routesTo(global, event, group);
    }

    /** Which events a stored state holds: by its version for an aggregate fold, by its stream positions for a global one. */
    private interface Positions {
        boolean holds(Event event);
    }

    private Positions positions(FoldGroupId group, FoldProjection<?> fold, StoredFold stored, List<Event> events) {
        if (!(fold instanceof GlobalFoldProjection<?>)) {
            return event -> event.seq() <= stored.version();
        }
        Set<StreamId> streams = new LinkedHashSet<>();
        events.forEach(e -> streams.add(e.streamId()));
        Map<StreamId, Long> positions = foldStore.streamPositions(group.tenantId(), fold.name(), group.aggregateKey(),
                streams, stored.version());
        return event -> event.seq() <= positions.getOrDefault(event.streamId(), 0L);
    }
}
