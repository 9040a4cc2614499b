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
import dev.foldwork.core.runtime.ReactorCall;
import dev.foldwork.core.runtime.ReactorExecutor;
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
    private final ReactorDebouncer debouncer;
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
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
        this.workers = Executors.newFixedThreadPool(options.workers(), r -> daemon(r, "fold-worker-" + threadNumber.incrementAndGet()));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "dispatch-timer"));
        this.debouncer = new ReactorDebouncer(timers, call -> workers.execute(() -> runReactor(call, 0)));
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
            for (Map.Entry<TenantId, List<Event>> tenant : byTenant(work.getValue()).entrySet()) {
                outstanding.incrementAndGet();
                workers.execute(() -> runMap(tenant.getKey(), work.getKey(), tenant.getValue(), 0));
            }
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
        Map<FoldGroupId, String> parked = new ConcurrentHashMap<>();
        groups.values().forEach(q -> {
            String reason = q.parkedReason;
            if (reason != null) {
                parked.put(q.id, reason);
            }
        });
        return parked;
    }

    /** Retries a parked group's failed batch, for example after the cause was fixed. */
    public void resume(FoldGroupId id) {
        GroupQueue queue = groups.get(id);
        if (queue != null && queue.parkedReason != null) {
            queue.parkedReason = null;
            queue.failedAttempts = 0;
            workers.execute(() -> drain(queue));
        }
    }

    public List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    public long coalescedReactions() {
        return debouncer.coalesced();
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

    /** Runs one batch of a claimed group, then hands the group back so other groups get a turn. */
    private void drain(GroupQueue queue) {
        List<Event> batch = queue.nextBatch(options.maxBatch());
        if (batch.isEmpty()) {
            queue.release();
            if (queue.hasPending()) {
                schedule(queue);
            }
            return;
        }
        try {
            folds.execute(queue.id, batch, this::afterPersist);
        } catch (RuntimeException e) {
            retryFold(queue, e);
            return;
        }
        queue.headDone();
        done(batch.size());
        queue.release();
        if (queue.hasPending()) {
            schedule(queue);
        }
    }

    private void retryFold(GroupQueue queue, RuntimeException error) {
        queue.failedAttempts++;
        RetryPolicy policy = options.foldRetry();
        if (policy.exhausted(queue.failedAttempts)) {
            queue.parkedReason = error.toString();
            return;
        }
        Duration wait = policy.backoff(queue.failedAttempts);
        timers.schedule(() -> workers.execute(() -> drain(queue)), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void afterPersist(ReactorCall call) {
        outstanding.incrementAndGet();
        Optional<String> jobId;
        try {
            jobId = reactors.jobId(call);
        } catch (RuntimeException e) {
            deadLetter("reactor", call.reactor() + " for " + call.event().id(), 1, e);
            return;
        }
        Duration delay = reactors.delay(call);
        if (jobId.isPresent() && !delay.isZero()) {
            if (!debouncer.submit(jobId.get(), call, delay)) {
                done(1); // joined a pending reaction with the same job id
            }
            return;
        }
        workers.execute(() -> runReactor(call, 0));
    }

    private void runReactor(ReactorCall call, int failedAttempts) {
        try {
            reactors.execute(call);
            done(1);
        } catch (Exception e) {
            int failed = failedAttempts + 1;
            RetryPolicy policy = options.reactorRetry();
            if (policy.exhausted(failed)) {
                deadLetter("reactor", call.reactor() + " for event " + call.event().id() + " of " + call.group(), failed, e);
            } else {
                later(policy.backoff(failed), () -> runReactor(call, failed));
            }
        }
    }

    private void runMap(TenantId tenant, MapProjection<?> map, List<Event> events, int failedAttempts) {
        try {
            maps.execute(tenant, map, events);
            done(1);
        } catch (RuntimeException e) {
            int failed = failedAttempts + 1;
            RetryPolicy policy = options.mapRetry();
            if (policy.exhausted(failed)) {
                deadLetter("map", map.name() + " for " + events.size() + " events of tenant " + tenant, failed, e);
            } else {
                later(policy.backoff(failed), () -> runMap(tenant, map, events, failed));
            }
        }
    }

    private void later(Duration wait, Runnable work) {
        timers.schedule(() -> workers.execute(work), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void deadLetter(String kind, String description, int attempts, Exception error) {
        deadLetters.add(new DeadLetter(kind, description, attempts, error.toString()));
        done(1);
    }

    private void done(long units) {
        if (outstanding.addAndGet(-units) == 0) {
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
