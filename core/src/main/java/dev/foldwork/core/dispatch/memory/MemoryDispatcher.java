package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.dispatch.DeadLetter;
import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldExecutor;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.MapExecutor;
import dev.foldwork.core.runtime.ReactionPlan;
import dev.foldwork.core.runtime.ReactorExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process dispatch: per fold group FIFO, parallel across groups on a worker pool, reactors
 * after their fold's state is stored ({@link ReactionRunner}), maps on their own ({@link MapLanes}).
 * Fold, map and reactor work each retry with backoff on their own. Nothing survives the process:
 * for tests and the embedded default. This class runs the fold groups and is the operator's handle.
 */
public final class MemoryDispatcher implements EventDispatcher {
    private final EventRouter router;
    private final FoldExecutor folds;
    private final MemoryDispatcherOptions options;
    private final DispatchThreads threads;
    private final WorkLedger work = new WorkLedger();
    private final Map<FoldGroupId, GroupQueue> groups = new ConcurrentHashMap<>();
    private final MapLanes mapLanes;
    private final ReactionRunner reactions;

    public MemoryDispatcher(EventRouter router, FoldExecutor folds, MapExecutor maps, ReactorExecutor reactors,
                            MemoryDispatcherOptions options) {
        this.router = router;
        this.folds = folds;
        this.options = options;
        this.threads = new DispatchThreads(options.workers());
        this.mapLanes = new MapLanes(maps, options.maxBatch(), options.mapRetry(), threads, work);
        this.reactions = new ReactionRunner(reactors, folds.storedStates(), options.reactorRetry(), threads, work);
    }

    @Override
    public CompletableFuture<Void> dispatch(List<Event> events) {
        for (Map.Entry<FoldGroupId, List<Event>> group : router.foldGroups(events).entrySet()) {
            GroupQueue queue = groups.computeIfAbsent(group.getKey(), GroupQueue::new);
            work.owe(group.getValue().size());
            queue.offer(group.getValue());
            schedule(queue);
        }
        mapLanes.dispatch(events);
        return CompletableFuture.completedFuture(null);
    }

    /** Waits until no fold, map or reactor work is queued, running or delayed. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return work.awaitIdle(timeout);
    }

    /** Groups whose fold failed its last attempt, with the reason; their events wait, in order. */
    public Map<FoldGroupId, String> parkedGroups() {
        Map<FoldGroupId, String> parked = new LinkedHashMap<>();
        groups.values().forEach(q -> {
            String reason = q.parkedReason;
            if (reason != null) {
                parked.put(q.id, reason);
            }
        });
        return parked;
    }

    /** Every parked group, with what its fold failed on; in no particular order. */
    public List<ParkedFoldGroup> parked() {
        List<ParkedFoldGroup> parked = new ArrayList<>();
        groups.values().forEach(q -> {
            ParkedFoldGroup one = q.parked();
            if (one != null) {
                parked.add(one);
            }
        });
        return parked;
    }

    /** The group's park, if it is parked. */
    public Optional<ParkedFoldGroup> parked(FoldGroupId id) {
        GroupQueue queue = groups.get(id);
        return queue == null ? Optional.empty() : Optional.ofNullable(queue.parked());
    }

    /** Retries a parked group's failed batch, for example after the cause was fixed. */
    public void resume(FoldGroupId id) {
        retryParked(id);
    }

    /**
     * Retries a parked group's failed batch; empty when the group is not parked. The future
     * completes true once the batch is applied, false if the group parks again.
     */
    public Optional<CompletableFuture<Boolean>> retryParked(FoldGroupId id) {
        return unpark(id, false);
    }

    /**
     * Skips a parked group's failed batch: each fold consumes the events it fails on without
     * applying them (its checkpoint records that), applies the rest, and the group goes on.
     */
    public void skip(FoldGroupId id) {
        skipParked(id);
    }

    /** As {@link #skip}; empty when the group is not parked, else as {@link #retryParked}. */
    public Optional<CompletableFuture<Boolean>> skipParked(FoldGroupId id) {
        return unpark(id, true);
    }

    private Optional<CompletableFuture<Boolean>> unpark(FoldGroupId id, boolean skipPoison) {
        GroupQueue queue = groups.get(id);
        CompletableFuture<Boolean> outcome = queue == null ? null : queue.unpark();
        if (outcome != null) {
            threads.execute(() -> drain(queue, skipPoison)); // the group stayed claimed while parked
        }
        return Optional.ofNullable(outcome);
    }

    /** Fold, map and reactor work queued, running or delayed: the memory mode's queue depth. */
    public long pendingWork() {
        return work.outstanding();
    }

    public List<DeadLetter> deadLetters() {
        return work.deadLetters();
    }

    /** Reactions merged into a later one with the same job key: in their batch, or while debounced. */
    public long coalescedReactions() {
        return reactions.coalesced();
    }

    @Override
    public void close() {
        threads.close();
    }

    private void schedule(GroupQueue queue) {
        if (queue.claim()) {
            threads.execute(() -> drain(queue));
        }
    }

    private void drain(GroupQueue queue) {
        drain(queue, false);
    }

    /** Runs one batch of a claimed group, then hands the group back so other groups get a turn. */
    private void drain(GroupQueue queue, boolean skipPoison) {
        List<Event> batch = queue.nextBatch(options.maxBatch());
        if (!batch.isEmpty()) {
            List<ReactionPlan> plans = new ArrayList<>();
            try {
                if (skipPoison) {
                    folds.skipPoison(queue.id, batch, plans::add);
                } else {
                    folds.execute(queue.id, batch, plans::add);
                }
            } catch (RuntimeException e) {
                reactions.react(plans); // the folds that did store before the failure still owe these
                retryFold(queue, e);
                return;
            }
            queue.headDone();
            reactions.react(plans);
            work.done(batch.size());
        }
        queue.release();
        if (queue.hasPending()) {
            schedule(queue);
        }
    }

    private void retryFold(GroupQueue queue, RuntimeException error) {
        queue.failedAttempts++;
        RetryPolicy policy = options.foldRetry();
        if (policy.exhausted(queue.failedAttempts)) {
            queue.park(error); // stays claimed: nothing behind the failed batch may run
            return;
        }
        threads.later(policy.backoff(queue.failedAttempts), () -> drain(queue));
    }
}
