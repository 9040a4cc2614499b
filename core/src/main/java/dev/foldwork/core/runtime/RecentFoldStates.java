package dev.foldwork.core.runtime;

import dev.foldwork.core.stores.StoredFold;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The fold states this process stored lately, as stored, so that a reaction by reference
 * ({@link ReactionRef}) whose state this process persisted takes it from here instead of reading
 * it back from the fold store (in the split deployment, a ClickHouse read of the whole state per
 * reactor call). A remembered state is taken only when it ranks at or above the state the
 * reaction was owed at: it holds the reaction's event, as the store's state would. Slots go by
 * fold and key and keep the newest state stored through them, so the memory held is bounded
 * whatever the rate of stores; a miss reads the store as before.
 */
public final class RecentFoldStates {
    private static final int SLOTS = 1024; // a power of two: slots are hashes masked by SLOTS - 1

    private record Remembered(FoldGroupId group, String fold, StoredFold stored) {}

    private final AtomicReferenceArray<Remembered> slots = new AtomicReferenceArray<>(SLOTS);

    /** Called once the state is stored: a reaction may read it from here from now on. */
    public void remember(FoldGroupId group, String fold, StoredFold stored) {
        int slot = slot(group, fold);
        slots.accumulateAndGet(slot, new Remembered(group, fold, stored), (old, fresh) ->
                old != null && old.group().equals(group) && old.fold().equals(fold)
                        && old.stored().rank() > fresh.stored().rank() ? old : fresh);
    }

    /** The remembered state of the fold and key if it ranks at least {@code minRank}; else null. */
    StoredFold recall(FoldGroupId group, String fold, long minRank) {
        Remembered found = slots.get(slot(group, fold));
        return found != null && found.group().equals(group) && found.fold().equals(fold)
                && found.stored().rank() >= minRank ? found.stored() : null;
    }

    private static int slot(FoldGroupId group, String fold) {
        int hash = Objects.hash(group, fold);
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }
}
