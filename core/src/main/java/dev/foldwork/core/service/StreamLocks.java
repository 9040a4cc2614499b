package dev.foldwork.core.service;

import dev.foldwork.core.domain.StreamId;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks per event stream. Holding a stream's lock from stamping its events to handing
 * them to the dispatcher makes the dispatch order equal the stored order (timestamp, id), so a
 * fold applies events in the order a reader of the event store sees them.
 */
final class StreamLocks {
    private final ReentrantLock[] stripes;

    StreamLocks(int count) {
        stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Locks the stripes of all streams, in index order so two callers never deadlock. */
    List<ReentrantLock> lock(List<StreamId> streams) {
        TreeSet<Integer> indexes = new TreeSet<>();
        for (StreamId stream : streams) {
            indexes.add(Math.floorMod(stream.hashCode(), stripes.length));
        }
        List<ReentrantLock> held = indexes.stream().map(i -> stripes[i]).toList();
        held.forEach(ReentrantLock::lock);
        return held;
    }

    static void unlock(List<ReentrantLock> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).unlock();
        }
    }
}
