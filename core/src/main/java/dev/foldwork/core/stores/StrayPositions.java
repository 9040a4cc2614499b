package dev.foldwork.core.stores;

import dev.foldwork.core.domain.StreamId;
import java.util.Set;

/**
 * A global fold's stream positions written for versions above its stored state: a writer died
 * (or lost its group) between writing positions and storing the state they belong to.
 * {@code highestVersion} is the highest such version, {@code streams} the streams they name.
 */
public record StrayPositions(long highestVersion, Set<StreamId> streams) {
    public static final StrayPositions NONE = new StrayPositions(0, Set.of());

    public StrayPositions {
        streams = Set.copyOf(streams);
    }

    public boolean isEmpty() {
        return streams.isEmpty();
    }
}
