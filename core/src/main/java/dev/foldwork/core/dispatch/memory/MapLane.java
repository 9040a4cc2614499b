package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.projections.MapProjection;

/** One map projection's pending events; drained in batches so records are appended many at a time. */
final class MapLane extends ClaimableQueue {
    final MapProjection<?> map;

    MapLane(MapProjection<?> map) {
        this.map = map;
    }
}
