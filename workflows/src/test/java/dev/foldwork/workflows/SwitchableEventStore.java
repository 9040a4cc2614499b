package dev.foldwork.workflows;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.ForwardingEventStore;
import dev.foldwork.core.stores.StoreException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An event store whose appends fail while it is {@link #down}, as a store that is unreachable. */
final class SwitchableEventStore extends ForwardingEventStore {
    volatile boolean down;
    final AtomicInteger refusedAppends = new AtomicInteger();

    SwitchableEventStore(EventStore store) {
        super(store);
    }

    @Override
    public void append(TenantId tenantId, List<Event> events) {
        if (down) {
            refusedAppends.incrementAndGet();
            throw new StoreException("the event store is down");
        }
        super.append(tenantId, events);
    }
}
