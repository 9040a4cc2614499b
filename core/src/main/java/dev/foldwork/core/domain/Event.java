package dev.foldwork.core.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * An immutable fact. {@code seq} is its 1-based position in its stream (tenant, aggregate type,
 * aggregate id), assigned by the stream's single writer: streams have no gaps and no repeats, and
 * folds consume them by {@code seq}. {@code timestamp} is epoch milliseconds; {@code version} is
 * the schema version of {@code data}, so a projection can read older shapes.
 */
public record Event(
        String id,
        TenantId tenantId,
        AggregateType aggregateType,
        String aggregateId,
        long seq,
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
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
    }

    /** The stream this event belongs to. */
    public StreamId streamId() {
        return new StreamId(tenantId, aggregateType, aggregateId);
    }
}
