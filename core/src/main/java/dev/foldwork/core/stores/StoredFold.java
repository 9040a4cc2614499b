package dev.foldwork.core.stores;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A fold's state as it is persisted: JSON, with the checkpoint that says which events it holds. */
public record StoredFold(JsonNode state, FoldCheckpoint checkpoint) {
    public StoredFold {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    public long version() {
        return checkpoint.position();
    }
}
