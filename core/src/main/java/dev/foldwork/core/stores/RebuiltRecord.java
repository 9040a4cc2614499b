package dev.foldwork.core.stores;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What a map rebuild made of one event: the record's data, or null when the map makes no record
 * of it (any record an older generation holds for the event goes).
 */
public record RebuiltRecord(String eventId, String aggregateId, long timestamp, JsonNode data) {
    public RebuiltRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateId, "aggregateId");
    }
}
