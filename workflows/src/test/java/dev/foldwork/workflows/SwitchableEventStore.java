package dev.foldwork.workflows;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.StoreException;
import dev.foldwork.core.stores.StreamHead;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An event store whose appends fail while it is {@link #down}, as a store that is unreachable. */
final class SwitchableEventStore implements EventStore {
    private final EventStore store;
    volatile boolean down;
    final AtomicInteger refusedAppends = new AtomicInteger();

    SwitchableEventStore(EventStore store) {
        this.store = store;
    }

    @Override
    public void append(TenantId tenantId, List<Event> events) {
        if (down) {
            refusedAppends.incrementAndGet();
            throw new StoreException("the event store is down");
        }
        store.append(tenantId, events);
    }

    @Override
    public List<Event> read(TenantId tenantId, AggregateType aggregateType, String aggregateId) {
        return store.read(tenantId, aggregateType, aggregateId);
    }

    @Override
    public List<Event> read(StreamId stream, long fromSeq, long toSeq) {
        return store.read(stream, fromSeq, toSeq);
    }

    @Override
    public long lastSeq(StreamId stream) {
        return store.lastSeq(stream);
    }

    @Override
    public List<String> aggregateIds(TenantId tenantId, AggregateType aggregateType) {
        return store.aggregateIds(tenantId, aggregateType);
    }

    @Override
    public List<TenantId> tenantsWrittenSince(long sinceMs) {
        return store.tenantsWrittenSince(sinceMs);
    }

    @Override
    public List<StreamHead> streamsWrittenSince(TenantId tenantId, long sinceMs, long settledAtMs) {
        return store.streamsWrittenSince(tenantId, sinceMs, settledAtMs);
    }
}
