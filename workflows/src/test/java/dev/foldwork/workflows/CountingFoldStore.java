package dev.foldwork.workflows;

import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The memory fold store, counting loads and stores, and failing every store of the keys a test marks. */
final class CountingFoldStore implements FoldStore {
    private final MemoryFoldStore store = new MemoryFoldStore();
    final AtomicLong loads = new AtomicLong();
    final AtomicLong stores = new AtomicLong();
    final Set<String> failingKeys = ConcurrentHashMap.newKeySet();

    @Override
    public Optional<StoredFold> get(TenantId tenantId, String projection, String aggregateKey) {
        loads.incrementAndGet();
        return store.get(tenantId, projection, aggregateKey);
    }

    @Override
    public void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold) {
        if (failingKeys.contains(aggregateKey)) {
            throw new IllegalStateException("the fold store refuses " + aggregateKey);
        }
        stores.incrementAndGet();
        store.store(tenantId, projection, aggregateKey, fold);
    }

    @Override
    public Map<StreamId, Long> streamPositions(TenantId tenantId, String projection, String aggregateKey,
                                               Collection<StreamId> streams, long atOrBelowVersion) {
        return store.streamPositions(tenantId, projection, aggregateKey, streams, atOrBelowVersion);
    }

    @Override
    public void storeStreamPositions(TenantId tenantId, String projection, String aggregateKey, long version,
                                     Map<StreamId, Long> positions) {
        if (failingKeys.contains(aggregateKey)) {
            throw new IllegalStateException("the fold store refuses " + aggregateKey);
        }
        store.storeStreamPositions(tenantId, projection, aggregateKey, version, positions);
    }
}
