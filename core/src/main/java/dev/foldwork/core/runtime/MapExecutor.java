package dev.foldwork.core.runtime;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.MapRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs map projections over events and appends their records, one append per projection and tenant. */
public final class MapExecutor {
    private final EventRouter router;
    private final AppendStore appendStore;

    public MapExecutor(EventRouter router, AppendStore appendStore) {
        this.router = router;
        this.appendStore = appendStore;
    }

    /** The records one map projection makes of a batch (all of one tenant). Pure. */
    public List<MapRecord> records(MapProjection<?> map, List<Event> events) {
        List<MapRecord> records = new ArrayList<>();
        for (Event event : events) {
            map.recordJson(event).ifPresent(json -> records.add(new MapRecord(event.id(), event.aggregateId(), event.timestamp(), json)));
        }
        return records;
    }

    /** The projections a batch of events touches, each with its events. */
    public Map<MapProjection<?>, List<Event>> byProjection(List<Event> events) {
        Map<MapProjection<?>, List<Event>> work = new LinkedHashMap<>();
        for (Event event : events) {
            for (MapProjection<?> map : router.maps(event)) {
                work.computeIfAbsent(map, k -> new ArrayList<>()).add(event);
            }
        }
        return work;
    }

    /** Maps and appends one projection's events; safe to repeat (the store is idempotent by event id). */
    public void execute(TenantId tenantId, MapProjection<?> map, List<Event> events) {
        List<MapRecord> records = records(map, events);
        if (!records.isEmpty()) {
            appendStore.append(tenantId, map.name(), records);
        }
    }
}
