package dev.foldwork.core.projections;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.events.EventCodec;
import java.util.Optional;

/**
 * A map over one pipeline's typed events: each stored event is decoded through the pipeline's
 * {@link EventCodec} and mapped as its record; an event the codec does not know maps to nothing.
 */
public interface TypedMap<R, E> extends MapProjection<R> {
    EventCodec<E> events();

    Optional<R> map(E event, Event envelope);

    @Override
    default Optional<R> map(Event event) {
        return events().decode(event).flatMap(typed -> map(typed, event));
    }
}
