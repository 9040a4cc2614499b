package dev.foldwork.core.projections;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.events.EventCodec;
import java.util.Optional;

/**
 * A fold over one pipeline's typed events. The runtime hands folds stored events; this decodes
 * each through the pipeline's {@link EventCodec} (upcasting older versions) and applies the record.
 * An event the codec does not know leaves the state as it is. {@code envelope} is the stored event,
 * for its time, stream and {@code seq}.
 */
public interface TypedFold<S, E> extends FoldProjection<S> {
    EventCodec<E> events();

    S apply(S state, E event, Event envelope);

    @Override
    default S apply(S state, Event event) {
        Optional<E> typed = events().decode(event);
        return typed.isPresent() ? apply(state, typed.get(), event) : state;
    }
}
