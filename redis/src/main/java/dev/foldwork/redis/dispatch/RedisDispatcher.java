package dev.foldwork.redis.dispatch;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldExecutor;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.MapExecutor;
import dev.foldwork.core.runtime.ReactorExecutor;
import dev.foldwork.redis.groupqueue.GroupQueue;
import dev.foldwork.redis.groupqueue.GroupQueueAdmin;
import dev.foldwork.redis.groupqueue.GroupQueueConsumer;
import dev.foldwork.redis.groupqueue.JobTooLargeException;
import dev.foldwork.redis.groupqueue.PermanentJobException;
import dev.foldwork.redis.groupqueue.StageBatcher;
import dev.foldwork.redis.groupqueue.StagedJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Dispatch through the Redis group queue. {@link #dispatch} turns events into jobs (one per fold
 * group, one per map projection and tenant) and stages them in one script call, batched with
 * other callers' jobs; the future completes when Redis has them. In the worker role the process
 * also consumes, from {@link #startConsuming}: folds through {@link FoldExecutor}, which applies by
 * {@code seq}, then reactions, maps on their own.
 */
public final class RedisDispatcher implements EventDispatcher {
    private final GroupQueue queue;
    private final EventRouter router;
    private final MapExecutor maps;
    private final StageBatcher stager;
    private final RedisJobHandler handler;
    private final boolean consumes;
    private GroupQueueConsumer consumer;
    private boolean closed;

    public RedisDispatcher(GroupQueue queue, EventRouter router, FoldExecutor folds, MapExecutor maps,
                           ReactorExecutor reactors, RedisDispatcherOptions options) {
        this.queue = queue;
        this.router = router;
        this.maps = maps;
        this.stager = new StageBatcher(queue);
        this.handler = new RedisJobHandler(router, folds, maps, reactors, stager, options);
        this.consumes = options.role() == ProcessRole.WORKER;
    }

    /**
     * In the worker role, starts taking jobs off the queue; nothing in the web role. Called once
     * what a reaction's command needs is there (the setup's service is bound): a backlog waiting
     * in Redis would otherwise run its reactions at once and fail them.
     */
    public synchronized void startConsuming() {
        if (consumes && consumer == null && !closed) {
            consumer = new GroupQueueConsumer(queue, handler);
        }
    }

    /**
     * Stages the events' jobs, all or none. The future fails, with nothing staged, when a job is
     * over the body limit ({@link dev.foldwork.redis.groupqueue.JobTooLargeException}); it fails
     * later if Redis did not take them.
     */
    @Override
    public CompletableFuture<Void> dispatch(List<Event> events) {
        List<StagedJob> jobs = new ArrayList<>();
        for (Map.Entry<FoldGroupId, List<Event>> group : router.foldGroups(events).entrySet()) {
            FoldGroupId id = group.getKey();
            String body = new DispatchJob.Fold(id, group.getValue()).encode();
            // a hint: the fold reads what it misses from the event store, so a held-back group may shed it
            jobs.add(new StagedJob(StagedJob.Mode.HINT, JobGroups.fold(id), body, 0, ""));
        }
        for (Map.Entry<MapProjection<?>, List<Event>> work : maps.byProjection(events).entrySet()) {
            Map<TenantId, List<Event>> byTenant = work.getValue().stream()
                    .collect(Collectors.groupingBy(Event::tenantId, LinkedHashMap::new, Collectors.toList()));
            for (Map.Entry<TenantId, List<Event>> tenant : byTenant.entrySet()) {
                String body = new DispatchJob.Map(tenant.getKey(), work.getKey().name(), tenant.getValue()).encode();
                jobs.add(StagedJob.ownGroup(tenant.getKey(), JobGroups.mapPrefix(work.getKey().name()), body));
            }
        }
        try {
            return stager.submit(jobs);
        } catch (JobTooLargeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public GroupQueueAdmin admin() {
        return new GroupQueueAdmin(queue);
    }

    /**
     * An operator's skip of a parked group's head job. For a fold group the folds first record the
     * skip (each consumes the events it fails on without applying them), because the log is the
     * truth: a job merely dropped would be read again from the store. Then the job goes to the dead
     * letters and the group goes on. False if the group was not parked.
     */
    public boolean skipParked(String group) {
        Optional<String> body = admin().parkedJobBody(group);
        if (body.isEmpty()) {
            return false;
        }
        DispatchJob job;
        try {
            job = DispatchJob.decode(body.get());
        } catch (PermanentJobException e) {
            return admin().skipParked(group); // an undecodable job holds no events a fold could record
        }
        handler.skip(job);
        return admin().skipParked(group);
    }

    public GroupQueue queue() {
        return queue;
    }

    /** Stops consuming (running groups finish and are reported), stages what was dispatched, closes. */
    @Override
    public synchronized void close() {
        closed = true;
        if (consumer != null) {
            consumer.close();
        }
        stager.close();
        queue.close();
    }
}
