package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.FoldGroupId;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One fold group's FIFO. At most one worker drains it at a time ({@link #claim()}); a batch that
 * failed stays as {@code head} and is retried before anything behind it.
 */
final class GroupQueue {
    final FoldGroupId id;
    private final Queue<Event> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean claimed = new AtomicBoolean();
    // Touched only by the worker holding the claim.
    private List<Event> head;
    int failedAttempts;
    volatile String parkedReason;

    GroupQueue(FoldGroupId id) {
        this.id = id;
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

    /** The batch to run next: the failed head again, or up to {@code max} pending events. */
    List<Event> nextBatch(int max) {
        if (head == null) {
            List<Event> batch = new ArrayList<>();
            Event event;
            while (batch.size() < max && (event = pending.poll()) != null) {
                batch.add(event);
            }
            head = batch.isEmpty() ? null : batch;
        }
        return head == null ? List.of() : head;
    }

    void headDone() {
        head = null;
        failedAttempts = 0;
        parkedReason = null;
    }
}
