package dev.foldwork.core.testing;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.MapRecord;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.StreamHead;
import java.util.Collection;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Stores that fail a set number of writes before passing them on, to prove retries. */
public final class FlakyStores {
    private FlakyStores() {}

    public static final class FoldStoreFailing implements FoldStore {
        private final FoldStore delegate;
        public final AtomicInteger failuresLeft;
        public final AtomicInteger stores = new AtomicInteger();

        public FoldStoreFailing(FoldStore delegate, int failures) {
            this.delegate = delegate;
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public Optional<StoredFold> get(TenantId tenantId, String projection, String aggregateKey) {
            return delegate.get(tenantId, projection, aggregateKey);
        }

        @Override
        public void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("fold store unavailable (test)");
            }
            stores.incrementAndGet();
            delegate.store(tenantId, projection, aggregateKey, fold);
        }

        @Override
        public Map<StreamId, Long> streamPositions(TenantId tenantId, String projection, String aggregateKey,
                                                   Collection<StreamId> streams, long atOrBelowVersion) {
            return delegate.streamPositions(tenantId, projection, aggregateKey, streams, atOrBelowVersion);
        }

        @Override
        public void storeStreamPositions(TenantId tenantId, String projection, String aggregateKey, long version,
                                         Map<StreamId, Long> positions) {
            delegate.storeStreamPositions(tenantId, projection, aggregateKey, version, positions);
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
        public List<MapRecord> read(TenantId tenantId, String projection, String aggregateId) {
            return delegate.read(tenantId, projection, aggregateId);
        }
    }

    public static final class EventStoreFailing implements EventStore {
        private final EventStore delegate;
        public final AtomicInteger failuresLeft;

        public EventStoreFailing(EventStore delegate, int failures) {
            this.delegate = delegate;
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public void append(TenantId tenantId, List<Event> events) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("event store unavailable (test)");
            }
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
}
