package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.dispatch.DeadLetter;
import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldExecutor;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.MapExecutor;
import dev.foldwork.core.runtime.ReactionPlan;
import dev.foldwork.core.runtime.ReactorCall;
import dev.foldwork.core.runtime.ReactorExecutor;
import dev.foldwork.core.runtime.ReactorStates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-process dispatch: per fold group FIFO, parallel across groups on a worker pool, reactors
 * after their fold's state is stored, maps on their own. Fold, map and reactor work each retry
 * with backoff on their own. Nothing survives the process: for tests and the embedded default.
 */
public final class MemoryDispatcher implements EventDispatcher {
    private final EventRouter router;
    private final FoldExecutor folds;
    private final MapExecutor maps;
    private final ReactorExecutor reactors;
    private final MemoryDispatcherOptions options;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final Map<FoldGroupId, GroupQueue> groups = new ConcurrentHashMap<>();
    private final Map<MapProjection<?>, MapLane> mapLanes = new ConcurrentHashMap<>();
    private final ReactorDebouncer debouncer;
    private final AtomicLong coalesced = new AtomicLong(); // in their batch; the debouncer counts its own
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    // Units of work (events in fold groups and map lanes, reactor calls) not finished yet.
    private final AtomicLong outstanding = new AtomicLong();
    private final Object idle = new Object();

    public MemoryDispatcher(EventRouter router, FoldExecutor folds, MapExecutor maps, ReactorExecutor reactors,
                            MemoryDispatcherOptions options) {
        this.router = router;
        this.folds = folds;
        this.maps = maps;
        this.reactors = reactors;
        this.options = options;
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(options.workers(), r -> daemon(r, "dispatch-worker-" + threadNumber.incrementAndGet()));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "dispatch-timer"));
        this.debouncer = new ReactorDebouncer(timers, call -> workers.execute(() -> runReactors(List.of(call), new ReactorStates())));
    }

    @Override
    public CompletableFuture<Void> dispatch(List<Event> events) {
        for (Map.Entry<FoldGroupId, List<Event>> group : router.foldGroups(events).entrySet()) {
            GroupQueue queue = groups.computeIfAbsent(group.getKey(), GroupQueue::new);
            outstanding.addAndGet(group.getValue().size());
            queue.offer(group.getValue());
            schedule(queue);
        }
        for (Map.Entry<MapProjection<?>, List<Event>> work : maps.byProjection(events).entrySet()) {
            MapLane lane = mapLanes.computeIfAbsent(work.getKey(), MapLane::new);
            outstanding.addAndGet(work.getValue().size());
            lane.offer(work.getValue());
            schedule(lane);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Waits until no fold, map or reactor work is queued, running or delayed. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (outstanding.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
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
            workers.execute(() -> drain(queue, skipPoison)); // the group stayed claimed while parked
        }
        return Optional.ofNullable(outcome);
    }

    /** Fold, map and reactor work queued, running or delayed: the memory mode's queue depth. */
    public long pendingWork() {
        return outstanding.get();
    }

    public List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /** Reactions merged into a later one with the same job key: in their batch, or while debounced. */
    public long coalescedReactions() {
        return coalesced.get() + debouncer.coalesced();
    }

    @Override
    public void close() {
        timers.shutdownNow();
        workers.shutdownNow();
    }

    private void schedule(GroupQueue queue) {
        if (queue.claim()) {
            workers.execute(() -> drain(queue));
        }
    }

    private void schedule(MapLane lane) {
        if (lane.claim()) {
            workers.execute(() -> drain(lane));
        }
    }

    private void drain(GroupQueue queue) {
        drain(queue, false);
    }

    /** Runs one batch of a claimed group, then hands the group back so other groups get a turn. */
    private void drain(GroupQueue queue, boolean skipPoison) {
        List<Event> batch = queue.nextBatch(options.maxBatch());
        if (!batch.isEmpty()) {
            List<ReactionPlan> reactions = new ArrayList<>();
            try {
                if (skipPoison) {
                    folds.skipPoison(queue.id, batch, reactions::add);
                } else {
                    folds.execute(queue.id, batch, reactions::add);
                }
            } catch (RuntimeException e) {
                react(reactions); // the folds that did store before the failure still owe these
                retryFold(queue, e);
                return;
            }
            queue.headDone();
            react(reactions);
            done(batch.size());
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
        later(policy.backoff(queue.failedAttempts), () -> drain(queue));
    }

    private void drain(MapLane lane) {
        List<Event> batch = lane.take(options.maxBatch());
        for (Map.Entry<TenantId, List<Event>> tenant : byTenant(batch).entrySet()) {
            runMap(tenant.getKey(), lane.map, tenant.getValue(), 0);
        }
        lane.release();
        if (lane.hasPending()) {
            schedule(lane);
        }
    }

    private void runMap(TenantId tenant, MapProjection<?> map, List<Event> events, int failedAttempts) {
        try {
            maps.execute(tenant, map, events);
            done(events.size());
        } catch (RuntimeException e) {
            int failed = failedAttempts + 1;
            RetryPolicy policy = options.mapRetry();
            if (policy.exhausted(failed)) {
                deadLetter("map", map.name() + " for " + events.size() + " events of tenant " + tenant, failed, e, events.size());
            } else {
                later(policy.backoff(failed), () -> runMap(tenant, map, events, failed));
            }
        }
    }

    /** Reactions run after their fold stored, as their plans say; debounced ones wait for their burst to end. */
    private void react(List<ReactionPlan> plans) {
        int owed = plans.stream().mapToInt(ReactionPlan::size).sum();
        if (owed == 0) {
            return;
        }
        outstanding.addAndGet(owed);
        List<ReactorCall> now = new ArrayList<>(owed);
        for (ReactionPlan plan : plans) {
            coalesced.addAndGet(plan.coalesced());
            for (ReactionPlan.Unplanned unplanned : plan.unplanned()) {
                deadLetter("reactor", unplanned.call().reactor() + " for event " + unplanned.call().event().id(), 1,
                        unplanned.error(), 1);
            }
            for (ReactionPlan.Reaction reaction : plan.reactions()) {
                if (!reaction.debounced()) {
                    now.add(reaction.call());
                } else if (!debouncer.submit(reaction.jobKey().orElseThrow(), reaction.call(), reaction.delay())) {
                    done(1); // joined a pending reaction with the same job key
                }
            }
        }
        if (!now.isEmpty()) {
            workers.execute(() -> runReactors(now, new ReactorStates()));
        }
    }

    private void runReactors(List<ReactorCall> calls, ReactorStates states) {
        List<ReactorCall> failed = new ArrayList<>();
        reactors.executeAll(calls, states, (call, error) -> {
            failed.add(call);
            retryReactor(call, 1, error);
        });
        done(calls.size() - failed.size());
    }

    private void runReactor(ReactorCall call, int failedAttempts) {
        try {
            reactors.execute(call);
            done(1);
        } catch (Exception e) {
            retryReactor(call, failedAttempts + 1, e);
        }
    }

    private void retryReactor(ReactorCall call, int failed, Exception error) {
        RetryPolicy policy = options.reactorRetry();
        if (policy.exhausted(failed)) {
            deadLetter("reactor", call.reactor() + " for event " + call.event().id() + " of " + call.group(), failed, error, 1);
        } else {
            later(policy.backoff(failed), () -> runReactor(call, failed));
        }
    }

    private void later(Duration wait, Runnable work) {
        timers.schedule(() -> workers.execute(work), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void deadLetter(String kind, String description, int attempts, Exception error, int units) {
        deadLetters.add(new DeadLetter(kind, description, attempts, error.toString()));
        done(units);
    }

    private void done(long units) {
        if (units != 0 && outstanding.addAndGet(-units) == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    private static Map<TenantId, List<Event>> byTenant(List<Event> events) {
        Map<TenantId, List<Event>> byTenant = new LinkedHashMap<>();
        for (Event event : events) {
            byTenant.computeIfAbsent(event.tenantId(), k -> new ArrayList<>()).add(event);
        }
        return byTenant;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
