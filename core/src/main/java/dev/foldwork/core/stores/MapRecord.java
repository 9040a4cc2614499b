package dev.foldwork.core.stores;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** One appended record of a map projection; the event id makes appending it idempotent. */
public record MapRecord(String eventId, String aggregateId, long timestamp, JsonNode data) {
    public MapRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(data, "data");
    }
}
