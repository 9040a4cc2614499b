package dev.foldwork.activities;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.runtime.MapExecutor;
import dev.foldwork.core.stores.TenantScope;
import java.util.List;

/** The pipeline's map projections and the append store behind {@link MapActivities}. */
public final class MapActivitiesImpl implements MapActivities {
    private final PipelineRegistry registry;
    private final MapExecutor maps;

    public MapActivitiesImpl(PipelineRegistry registry, MapExecutor maps) {
        this.registry = registry;
        this.maps = maps;
    }

    @Override
    public void append(String map, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        MapProjection<?> projection = registry.map(map)
                .orElseThrow(() -> new IllegalArgumentException("no map projection named " + map + " in this registry"));
        TenantScope.requireSameTenant(events.get(0).tenantId(), events);
        maps.execute(events.get(0).tenantId(), projection, events);
    }
}
