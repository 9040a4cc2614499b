package dev.foldwork.workflows.fold;

import dev.foldwork.core.domain.StreamId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A global fold's positions in the streams this run has seen. The run is the fold's only writer,
 * so what it persisted is what the store holds: a stream is loaded from the store once per run,
 * not once per batch. Bounded (least recently used streams drop out and are loaded again) and
 * deterministic, as workflow code must be.
 */
final class KnownPositions {
    private static final int MAX_STREAMS = 10_000;

    private final Map<StreamId, Long> known = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StreamId, Long> eldest) {
            return size() > MAX_STREAMS;
        }
    };

    /** The positions of {@code streams}, loading those not known yet (absent: never consumed). */
    Map<StreamId, Long> of(Set<StreamId> streams, Function<List<StreamId>, Map<StreamId, Long>> load) {
        Set<StreamId> missing = new LinkedHashSet<>();
        for (StreamId stream : streams) {
            if (!known.containsKey(stream)) {
                missing.add(stream);
            }
        }
        if (!missing.isEmpty()) {
            Map<StreamId, Long> loaded = load.apply(new ArrayList<>(missing));
            for (StreamId stream : missing) {
                known.put(stream, loaded.getOrDefault(stream, 0L));
            }
        }
        Map<StreamId, Long> positions = new LinkedHashMap<>();
        for (StreamId stream : streams) {
            positions.put(stream, known.get(stream));
        }
        return positions;
    }

    /** After a reload (a rebuild swapped the state): none is known any more, each is read again. */
    void forget() {
        known.clear();
    }

    /** After a persist: the positions the stored state reached. */
    void persisted(Map<StreamId, Long> positions) {
        known.putAll(positions);
    }
}
