package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.MapProjection;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/** One map projection's pending events; drained in batches so records are appended many at a time. */
final class MapLane {
    final MapProjection<?> map;
    private final Queue<Event> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean claimed = new AtomicBoolean();

    MapLane(MapProjection<?> map) {
        this.map = map;
    }

    void offer(List<Event> events) {
        pending.addAll(events);
    }

    boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    void release() {
        claimed.set(false);
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    List<Event> take(int max) {
        List<Event> batch = new ArrayList<>();
        Event event;
        while (batch.size() < max && (event = pending.poll()) != null) {
            batch.add(event);
        }
        return batch;
    }
}
