package dev.foldwork.activities;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.runtime.MapExecutor;
import dev.foldwork.core.runtime.SeqRange;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.TenantScope;
import java.util.List;

/** The pipeline's map projections and the append store behind {@link MapActivities}. */
public final class MapActivitiesImpl implements MapActivities {
    /** Events of a range mapped and appended together at most, so a long range is not held whole. */
    static final int RANGE_PAGE = 500;

    private final PipelineRegistry registry;
    private final MapExecutor maps;
    private final EventStore eventStore;

    public MapActivitiesImpl(PipelineRegistry registry, MapExecutor maps, EventStore eventStore) {
        this.registry = registry;
        this.maps = maps;
        this.eventStore = eventStore;
    }

    @Override
    public void append(String map, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        MapProjection<?> projection = projection(map);
        TenantScope.requireSameTenant(events.get(0).tenantId(), events);
        maps.execute(events.get(0).tenantId(), projection, events);
    }

    @Override
    public void appendRanges(String map, List<SeqRange> ranges) {
        MapProjection<?> projection = projection(map);
        for (SeqRange range : ranges) {
            for (long from = range.fromSeq(); from <= range.toSeq(); from += RANGE_PAGE) {
                List<Event> events = eventStore.read(range.stream(), from, Math.min(range.toSeq(), from + RANGE_PAGE - 1));
                if (!events.isEmpty()) {
                    maps.execute(range.stream().tenantId(), projection, events);
                }
            }
        }
    }

    private MapProjection<?> projection(String map) {
        return registry.map(map)
                .orElseThrow(() -> new IllegalArgumentException("no map projection named " + map + " in this registry"));
    }
}
