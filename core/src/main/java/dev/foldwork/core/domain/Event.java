package dev.foldwork.core.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * An immutable fact. {@code timestamp} is epoch milliseconds; {@code version} is the
 * schema version of {@code data}, so a projection can read older shapes.
 */
public record Event(
        String id,
        TenantId tenantId,
        AggregateType aggregateType,
        String aggregateId,
        long timestamp,
        String type,
        int version,
        JsonNode data) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Ids.aggregateId("aggregateId", aggregateId);
        Ids.eventType("type", type);
        Objects.requireNonNull(data, "data");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
    }

    /** The stream this event belongs to. */
    public StreamId streamId() {
        return new StreamId(tenantId, aggregateType, aggregateId);
    }
}
