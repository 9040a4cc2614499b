package dev.foldwork.redis.writer;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.ForwardingEventStore;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The event store as one web process sees it: its appends wait at a gate the test opens (a
 * process paused between the sequence script and its append), or fail (a process that died there).
 */
final class GatedEventStore extends ForwardingEventStore {
    private final CountDownLatch gate = new CountDownLatch(1);
    private final boolean dies;

    private GatedEventStore(EventStore delegate, boolean dies) {
        super(delegate);
        this.dies = dies;
    }

    static GatedEventStore pausing(EventStore delegate) {
        return new GatedEventStore(delegate, false);
    }

    static GatedEventStore dying(EventStore delegate) {
        return new GatedEventStore(delegate, true);
    }

    void open() {
        gate.countDown();
    }

    @Override
    public void append(TenantId tenantId, List<Event> events) {
        if (dies) {
            throw new IllegalStateException("this web process died before it stored its events (test)");
        }
        try {
            if (!gate.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the gate", e);
        }
        delegate.append(tenantId, events);
    }
}
