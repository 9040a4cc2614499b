package dev.foldwork.core.runtime;

import dev.foldwork.core.stores.StoredFold;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The fold states this process stored lately, as stored and, where this process computed them, in
 * their folds' types. Three reads take them instead of going back to the store or to JSON:
 * <ul>
 *   <li>A fold's next batch (memory and Redis dispatch) starts from the object it computed, when the
 *   store still holds that state, instead of decoding the stored JSON.</li>
 *   <li>A reaction by reference ({@link ReactionRef}) takes the stored state when it ranks at or
 *   above the state the reaction was owed at: it holds the reaction's event, as the store's state
 *   would (in the split deployment, this spares a ClickHouse read of the whole state per reactor
 *   call).</li>
 *   <li>A reactor call carries the very JSON node stored, so a reactor that runs in this process
 *   takes the state the fold computed instead of decoding it. A node stands for one state and is
 *   never changed once stored, so a hit (the same node) is always that node's state.</li>
 * </ul>
 * A miss (a newer state of the fold, another fold in the same slot, a call from elsewhere) reads
 * the store or the JSON as before. Slots go by fold and key and keep the highest-ranked state
 * stored through them, so at most one state per slot is held, whatever the rate of stores.
 */
public final class StoredStates {
    private static final int SLOTS = 1024; // a power of two: slots are hashes masked by SLOTS - 1

    /** {@code state} is null where this process stored the state without computing it (a Temporal worker's persist). */
    private record Stored(FoldGroupId group, String fold, StoredFold stored, Object state) {
        boolean of(FoldGroupId group, String fold) {
            return this.group.equals(group) && this.fold.equals(fold);
        }
    }

    private final AtomicReferenceArray<Stored> recent = new AtomicReferenceArray<>(SLOTS);

    /** Called once the state is stored; {@code state} is the fold's own object, or null when this process has none. */
    public void remember(FoldGroupId group, String fold, StoredFold stored, Object state) {
        recent.accumulateAndGet(slot(group, fold), new Stored(group, fold, stored, state), (old, fresh) ->
                old != null && old.of(group, fold) && old.stored().rank() > fresh.stored().rank() ? old : fresh);
    }

    /** The state stored for the fold and key if it is still remembered and ranks at least {@code minRank}; else null. */
    StoredFold recall(FoldGroupId group, String fold, long minRank) {
        Stored found = recent.get(slot(group, fold));
        return found != null && found.of(group, fold) && found.stored().rank() >= minRank ? found.stored() : null;
    }

    /**
     * The fold's own object for a state loaded from the store, if this process computed that very
     * state (same fold, key and rank: a rank names the events a state holds); else null. Spares the
     * JSON decode of a fold's state at the start of each batch.
     */
    <S> S computed(FoldGroupId group, String fold, StoredFold loaded, Class<S> type) {
        Stored found = recent.get(slot(group, fold));
        return found != null && found.of(group, fold) && found.stored().rank() == loaded.rank() && type.isInstance(found.state())
                ? type.cast(found.state()) : null;
    }

    /** The state stored as the call's node if it is still remembered and is a {@code type}; else null. */
    Object recall(ReactorCall call, Class<?> type) {
        Stored found = recent.get(slot(call.group(), call.fold()));
        return found != null && found.stored().state() == call.state() && type.isInstance(found.state()) ? found.state() : null;
    }

    private static int slot(FoldGroupId group, String fold) {
        int hash = Objects.hash(group, fold);
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }
}
