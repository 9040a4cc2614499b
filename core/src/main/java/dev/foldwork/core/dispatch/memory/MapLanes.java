package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.runtime.MapExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The map projections' work: a lane per map, drained in batches by one worker at a time and run
 * per tenant. A batch retries with backoff on its own and goes to the dead letters after its last
 * attempt; maps keep no order, so nothing waits behind it.
 */
final class MapLanes {
    private final MapExecutor maps;
    private final int maxBatch;
    private final RetryPolicy retry;
    private final DispatchThreads threads;
    private final WorkLedger work;
    private final Map<MapProjection<?>, MapLane> lanes = new ConcurrentHashMap<>();

    MapLanes(MapExecutor maps, int maxBatch, RetryPolicy retry, DispatchThreads threads, WorkLedger work) {
        this.maps = maps;
        this.maxBatch = maxBatch;
        this.retry = retry;
        this.threads = threads;
        this.work = work;
    }

    void dispatch(List<Event> events) {
        for (Map.Entry<MapProjection<?>, List<Event>> mapped : maps.byProjection(events).entrySet()) {
            MapLane lane = lanes.computeIfAbsent(mapped.getKey(), MapLane::new);
            work.owe(mapped.getValue().size());
            lane.offer(mapped.getValue());
            schedule(lane);
        }
    }

    private void schedule(MapLane lane) {
        if (lane.claim()) {
            threads.execute(() -> drain(lane));
        }
    }

    private void drain(MapLane lane) {
        List<Event> batch = lane.take(maxBatch);
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
            work.done(events.size());
        } catch (RuntimeException e) {
            int failed = failedAttempts + 1;
            if (retry.exhausted(failed)) {
                work.deadLetter("map", map.name() + " for " + events.size() + " events of tenant " + tenant, failed, e, events.size());
            } else {
                threads.later(retry.backoff(failed), () -> runMap(tenant, map, events, failed));
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
}
