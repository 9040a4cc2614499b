package dev.foldwork.core.stores;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import java.util.List;

/** An event store that passes every call to another: extend it to change one call (fail, count). */
public abstract class ForwardingEventStore implements EventStore {
    protected final EventStore delegate;

    protected ForwardingEventStore(EventStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void append(TenantId tenantId, List<Event> events) {
        delegate.append(tenantId, events);
    }

    @Override
    public List<Event> read(TenantId tenantId, AggregateType aggregateType, String aggregateId) {
        return delegate.read(tenantId, aggregateType, aggregateId);
    }

    @Override
    public List<Event> read(StreamId stream, long fromSeq, long toSeq) {
        return delegate.read(stream, fromSeq, toSeq);
    }

    @Override
    public long lastSeq(StreamId stream) {
        return delegate.lastSeq(stream);
    }

    @Override
    public List<Event> readPage(TenantId tenantId, AggregateType aggregateType, LogPosition after, String lastAggregateId,
                                int limit) {
        return delegate.readPage(tenantId, aggregateType, after, lastAggregateId, limit);
    }

    @Override
    public List<String> aggregateIds(TenantId tenantId, AggregateType aggregateType) {
        return delegate.aggregateIds(tenantId, aggregateType);
    }

    @Override
    public List<TenantId> tenantsWrittenSince(long sinceMs) {
        return delegate.tenantsWrittenSince(sinceMs);
    }

    @Override
    public List<StreamHead> streamsWrittenSince(TenantId tenantId, long sinceMs, long settledAtMs) {
        return delegate.streamsWrittenSince(tenantId, sinceMs, settledAtMs);
    }
}
