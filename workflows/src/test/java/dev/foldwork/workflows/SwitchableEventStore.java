package dev.foldwork.workflows;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.ForwardingEventStore;
import dev.foldwork.core.stores.StoreException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An event store whose appends fail while it is {@link #down}, as a store that is unreachable, and
 * wait while it is {@link #held}, as a slow one.
 */
final class SwitchableEventStore extends ForwardingEventStore {
    volatile boolean down;
    final AtomicInteger refusedAppends = new AtomicInteger();
    /** Appends wait while this latch is up; {@link #heldAppends} counts those that waited. */
    volatile CountDownLatch held;
    final AtomicInteger heldAppends = new AtomicInteger();

    SwitchableEventStore(EventStore store) {
        super(store);
    }

    @Override
    public void append(TenantId tenantId, List<Event> events) {
        if (down) {
            refusedAppends.incrementAndGet();
            throw new StoreException("the event store is down");
        }
        CountDownLatch latch = held;
        if (latch != null) {
            heldAppends.incrementAndGet();
            try {
                if (!latch.await(30, TimeUnit.SECONDS)) {
                    throw new StoreException("the event store was held for more than 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while held");
            }
        }
        super.append(tenantId, events);
    }
}
