package dev.foldwork.core.projections;

import dev.foldwork.core.domain.Event;
import java.util.Optional;

/** Turns one event into a record to append, or nothing. Stateless; no ordering is promised. */
public interface MapProjection<R> {
    /** Unique across the registry; names the projection's records in the append store. */
    String name();

    Optional<R> map(Event event);
}
