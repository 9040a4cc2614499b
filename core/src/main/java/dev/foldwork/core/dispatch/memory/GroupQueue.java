package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.FoldApplyException;
import dev.foldwork.core.runtime.FoldGroupId;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
    // What the park is about, set with parkedReason: the fold and event of a FoldApplyException (else null).
    volatile String parkedFold;
    volatile String parkedEventId;
    volatile int parkedAttempts;
    volatile long parkedAtMillis;
    // An operator's retry or skip in progress: true once the batch is done, false when the group parks again.
    volatile CompletableFuture<Boolean> unparked;

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
        CompletableFuture<Boolean> waiting = unparked;
        unparked = null;
        if (waiting != null) {
            waiting.complete(true);
        }
    }

    /** The group stops at its head: {@code error} was the last attempt's. */
    void park(RuntimeException error) {
        FoldApplyException apply = error instanceof FoldApplyException e ? e : null;
        parkedFold = apply == null ? null : apply.fold();
        parkedEventId = apply == null ? null : apply.eventId();
        parkedAttempts = failedAttempts;
        parkedAtMillis = System.currentTimeMillis();
        parkedReason = error.toString();
        CompletableFuture<Boolean> waiting = unparked;
        unparked = null;
        if (waiting != null) {
            waiting.complete(false);
        }
    }

    /**
     * Lets a parked group go on (an operator's retry or skip); null when it is not parked, so
     * that two operators cannot both set it draining. The future tells how the head batch fared.
     */
    synchronized CompletableFuture<Boolean> unpark() {
        if (parkedReason == null) {
            return null;
        }
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        unparked = outcome;
        parkedReason = null;
        failedAttempts = 0;
        return outcome;
    }

    /** What an operator sees of this group's park; null when it is not parked. */
    ParkedFoldGroup parked() {
        String reason = parkedReason;
        return reason == null ? null : new ParkedFoldGroup(id, parkedFold, parkedEventId, reason, parkedAttempts, parkedAtMillis);
    }
}
