package dev.foldwork.core.stores;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A fold's state as it is persisted: JSON, with the checkpoint that says which events it holds,
 * and the generation that computed it. A rebuild writes a new generation; a state of a higher
 * generation outranks every state of a lower one whatever their versions, so a writer still
 * holding an old generation's state can no longer replace the rebuilt one.
 */
public record StoredFold(JsonNode state, FoldCheckpoint checkpoint, int generation) {
    /** Versions fit below this many bits of a rank; the generation sits above them. */
    public static final int VERSION_BITS = 40;

    public StoredFold {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (generation < 0 || generation >= (1 << (63 - VERSION_BITS))) {
            throw new IllegalArgumentException("a fold generation must be 0 to " + ((1 << (63 - VERSION_BITS)) - 1)
                    + ", was " + generation);
        }
    }

    /** A state of the first generation (never rebuilt). */
    public StoredFold(JsonNode state, FoldCheckpoint checkpoint) {
        this(state, checkpoint, 0);
    }

    public long version() {
        return checkpoint.position();
    }

    /** Generation first, then version: of all states stored for a key, the store returns the highest rank. */
    public long rank() {
        return ((long) generation << VERSION_BITS) | version();
    }

    /** The same state and checkpoint, as computed by {@code newGeneration}. */
    public StoredFold inGeneration(int newGeneration) {
        return new StoredFold(state, checkpoint, newGeneration);
    }
}
