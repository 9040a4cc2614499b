package dev.foldwork.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The fold states this process stored lately, in their folds' types: a reactor call carries the
 * very JSON node stored, so the reactors that run in this process can take the state the fold
 * computed instead of reading it back from JSON. A node stands for one state and is never changed
 * once stored, so a hit (the same node) is always that node's state; a miss (a newer state of the
 * fold, another fold in the same slot, a call from elsewhere) is read from JSON as before. Slots
 * go by fold and key, so a hot fold's newer state replaces its older one: at most one state per
 * slot is kept, whatever the rate of stores.
 */
public final class StoredStates {
    private static final int SLOTS = 1024; // a power of two: slots are hashes masked by SLOTS - 1

    private record Stored(JsonNode node, Object state) {}

    private final AtomicReferenceArray<Stored> recent = new AtomicReferenceArray<>(SLOTS);

    void remember(FoldGroupId group, String fold, JsonNode node, Object state) {
        recent.set(slot(group, fold), new Stored(node, state));
    }

    /** The state stored as the call's node if it is still remembered and is a {@code type}; else null. */
    Object recall(ReactorCall call, Class<?> type) {
        Stored stored = recent.get(slot(call.group(), call.fold()));
        return stored != null && stored.node() == call.state() && type.isInstance(stored.state()) ? stored.state() : null;
    }

    private static int slot(FoldGroupId group, String fold) {
        int hash = Objects.hash(group, fold);
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }
}
