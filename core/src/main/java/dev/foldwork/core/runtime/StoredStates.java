package dev.foldwork.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The fold states this process stored lately, in their folds' types, by the identity of the JSON
 * node stored: a reactor call carries that very node, so the reactors that run in this process can
 * take the state the fold computed instead of reading it back from JSON. A node stands for one
 * state and is never changed once stored, so a hit is always that node's state; a miss (the slot
 * was taken by a later store, or the call came from elsewhere) is read from JSON as before.
 */
public final class StoredStates {
    private static final int SLOTS = 1024; // a power of two: slots are identity hashes masked by SLOTS - 1

    private record Stored(JsonNode node, Object state) {}

    private final AtomicReferenceArray<Stored> recent = new AtomicReferenceArray<>(SLOTS);

    void remember(JsonNode node, Object state) {
        recent.set(slot(node), new Stored(node, state));
    }

    /** The state stored as {@code node} if it is still remembered and is a {@code type}; else null. */
    Object recall(JsonNode node, Class<?> type) {
        Stored stored = recent.get(slot(node));
        return stored != null && stored.node() == node && type.isInstance(stored.state()) ? stored.state() : null;
    }

    private static int slot(JsonNode node) {
        return System.identityHashCode(node) & (SLOTS - 1);
    }
}
