package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.domain.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/** Pending events that any thread may offer and that one worker at a time, holding the claim, drains. */
class ClaimableQueue {
    private final Queue<Event> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean claimed = new AtomicBoolean();

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

    /** Up to {@code max} pending events, oldest first. */
    List<Event> take(int max) {
        List<Event> batch = new ArrayList<>();
        Event event;
        while (batch.size() < max && (event = pending.poll()) != null) {
            batch.add(event);
        }
        return batch;
    }
}
