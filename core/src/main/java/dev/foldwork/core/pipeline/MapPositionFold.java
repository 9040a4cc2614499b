package dev.foldwork.core.pipeline;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.FoldProjection;

/**
 * The fold a pipeline with maps and no folds of its own gets ({@code <pipeline>_map_position}), so its
 * streams have a position like any other: a lost delivery is then found by the next event's gap or
 * by catch-up, and its map work is done from the store as for every fold group. It keeps nothing
 * but the number of events it saw; its checkpoint is the stream's last mapped {@code seq}.
 */
public record MapPositionFold(String name) implements FoldProjection<MapPositionFold.Position> {
    /** The events of the stream seen so far (the checkpoint holds the {@code seq}). */
    public record Position(long events) {}

    static MapPositionFold of(String pipeline) {
        return new MapPositionFold(pipeline + "_map_position");
    }

    @Override
    public Class<Position> stateType() {
        return Position.class;
    }

    @Override
    public Position init() {
        return new Position(0);
    }

    @Override
    public Position apply(Position state, Event event) {
        return new Position(state.events() + 1);
    }
}
