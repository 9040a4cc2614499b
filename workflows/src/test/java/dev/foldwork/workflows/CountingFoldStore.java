package dev.foldwork.workflows;

import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.ForwardingFoldStore;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The memory fold store, counting loads and stores, and failing every store of the keys a test marks. */
final class CountingFoldStore extends ForwardingFoldStore {
    final AtomicLong loads = new AtomicLong();
    final AtomicLong stores = new AtomicLong();
    final Set<String> failingKeys = ConcurrentHashMap.newKeySet();

    CountingFoldStore() {
        super(new MemoryFoldStore());
    }

    @Override
    public Optional<StoredFold> get(TenantId tenantId, String projection, String aggregateKey) {
        loads.incrementAndGet();
        return delegate.get(tenantId, projection, aggregateKey);
    }

    @Override
    public void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold) {
        refuseIfMarked(aggregateKey);
        stores.incrementAndGet();
        delegate.store(tenantId, projection, aggregateKey, fold);
    }

    @Override
    public void storeStreamPositions(TenantId tenantId, String projection, String aggregateKey, long version,
                                     Map<StreamId, Long> positions) {
        refuseIfMarked(aggregateKey);
        delegate.storeStreamPositions(tenantId, projection, aggregateKey, version, positions);
    }

    private void refuseIfMarked(String aggregateKey) {
        if (failingKeys.contains(aggregateKey)) {
            throw new IllegalStateException("the fold store refuses " + aggregateKey);
        }
    }
}
