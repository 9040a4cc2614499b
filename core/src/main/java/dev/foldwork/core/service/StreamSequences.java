package dev.foldwork.core.service;

import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.stores.EventStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last {@code seq} of each stream this process writes, so the next event gets the next one.
 * Callers hold the stream's lock: together they make this process the stream's single writer.
 * A stream not seen lately is asked of the store; after an append that failed the entry is
 * dropped, because only the store knows whether the failed batch was written after all.
 */
final class StreamSequences {
    private static final int REMEMBERED_STREAMS = 100_000;

    private final EventStore store;
    private final Map<StreamId, Long> last = new ConcurrentHashMap<>();

    StreamSequences(EventStore store) {
        this.store = store;
    }

    long last(StreamId stream) {
        Long known = last.get(stream);
        if (known != null) {
            return known;
        }
        long stored = store.lastSeq(stream);
        if (last.size() >= REMEMBERED_STREAMS) {
            last.clear(); // forgetting is safe: a stream's writer asks the store again, under its lock
        }
        last.put(stream, stored);
        return stored;
    }

    void advanced(StreamId stream, long seq) {
        last.put(stream, seq);
    }

    void forget(StreamId stream) {
        last.remove(stream);
    }
}
