package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.FoldGroupId;
import java.util.List;

/**
 * One fold group's FIFO. At most one worker drains it at a time (the claim); a batch that
 * failed stays as {@code head} and is retried before anything behind it.
 */
final class GroupQueue extends ClaimableQueue {
    final FoldGroupId id;
    // Touched only by the worker holding the claim.
    private List<Event> head;
    int failedAttempts;
    volatile String parkedReason;

    GroupQueue(FoldGroupId id) {
        this.id = id;
    }

    /** The batch to run next: the failed head again, or up to {@code max} pending events. */
    List<Event> nextBatch(int max) {
        if (head == null) {
            List<Event> batch = take(max);
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
