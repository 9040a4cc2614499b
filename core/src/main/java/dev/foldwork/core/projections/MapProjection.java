package dev.foldwork.core.projections;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import java.util.Optional;

/** Turns one event into a record to append, or nothing. Stateless; no ordering is promised. */
public interface MapProjection<R> {
    /** Unique across the registry; names the projection's records in the append store. */
    String name();

    Optional<R> map(Event event);

    /** The record as the JSON its store keeps. */
    default Optional<JsonNode> recordJson(Event event) {
        return map(event).map(Json::toNode);
    }
}
