package dev.foldwork.core.projections;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.events.EventCodec;
import dev.foldwork.core.json.Json;
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

    /**
     * A map that keeps the event itself (its record is the decoded event) stores the event's own
     * JSON when the event is at its type's current version: that is the record's JSON already, and
     * writing the record out again would cost a second tree of every event, which the memory store
     * would then hold beside the event's.
     */
    @Override
    default Optional<JsonNode> recordJson(Event event) {
        return events().decode(event).flatMap(typed -> map(typed, event)
                .map(record -> record == typed && events().isCurrent(event) ? event.data() : Json.toNode(record)));
    }
}
