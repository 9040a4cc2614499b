package dev.foldwork.core.domain;

import java.util.Objects;

/** One aggregate's event stream: the unit of ordering. */
public record StreamId(TenantId tenantId, AggregateType aggregateType, String aggregateId) {
    public StreamId {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Ids.aggregateId("aggregateId", aggregateId);
    }

    @Override
    public String toString() {
        return tenantId + ":" + aggregateType + ":" + aggregateId;
    }
}
