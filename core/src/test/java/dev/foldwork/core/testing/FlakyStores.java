package dev.foldwork.core.testing;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.ForwardingEventStore;
import dev.foldwork.core.stores.ForwardingFoldStore;
import dev.foldwork.core.stores.MapRecord;
import dev.foldwork.core.stores.RebuiltRecord;
import dev.foldwork.core.stores.StoredFold;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Stores that fail a set number of writes before passing them on, to prove retries. */
public final class FlakyStores {
    private FlakyStores() {}

    public static final class FoldStoreFailing extends ForwardingFoldStore {
        public final AtomicInteger failuresLeft;
        public final AtomicInteger stores = new AtomicInteger();

        public FoldStoreFailing(FoldStore delegate, int failures) {
            super(delegate);
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("fold store unavailable (test)");
            }
            stores.incrementAndGet();
            delegate.store(tenantId, projection, aggregateKey, fold);
        }
    }

    public static final class AppendStoreFailing implements AppendStore {
        private final AppendStore delegate;
        public final AtomicInteger failuresLeft;

        public AppendStoreFailing(AppendStore delegate, int failures) {
            this.delegate = delegate;
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public void append(TenantId tenantId, String projection, List<MapRecord> records) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("append store unavailable (test)");
            }
            delegate.append(tenantId, projection, records);
        }

        @Override
        public void replace(TenantId tenantId, String projection, int generation, List<RebuiltRecord> outcomes) {
            delegate.replace(tenantId, projection, generation, outcomes);
        }

        @Override
        public List<MapRecord> read(TenantId tenantId, String projection, String aggregateId) {
            return delegate.read(tenantId, projection, aggregateId);
        }
    }

    public static final class EventStoreFailing extends ForwardingEventStore {
        public final AtomicInteger failuresLeft;

        public EventStoreFailing(EventStore delegate, int failures) {
            super(delegate);
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public void append(TenantId tenantId, List<Event> events) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("event store unavailable (test)");
            }
            delegate.append(tenantId, events);
        }
    }
}
