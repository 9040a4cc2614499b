package dev.foldwork.core.stores;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import java.util.List;

/**
 * Immutable events, per tenant. Every call names its tenant and never sees another's events.
 * An event id appended twice is kept once.
 */
public interface EventStore {
    /**
     * Appends a batch, all of {@code tenantId}; when this returns the events are stored.
     * Either all of the batch is visible afterwards or, on an exception, none of it is.
     */
    void append(TenantId tenantId, List<Event> events);

    /** One aggregate's events in order: by timestamp, then by event id. */
    List<Event> read(TenantId tenantId, AggregateType aggregateType, String aggregateId);

    /** The ids of the tenant's aggregates of one type, sorted. */
    List<String> aggregateIds(TenantId tenantId, AggregateType aggregateType);
}
