package dev.foldwork.core.stores;

import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** A fold store that passes every call to another: extend it to change one call (measure, fail, count). */
public abstract class ForwardingFoldStore implements FoldStore {
    protected final FoldStore delegate;

    protected ForwardingFoldStore(FoldStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<StoredFold> get(TenantId tenantId, String projection, String aggregateKey) {
        return delegate.get(tenantId, projection, aggregateKey);
    }

    @Override
    public void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold) {
        delegate.store(tenantId, projection, aggregateKey, fold);
    }

    @Override
    public void storeAll(TenantId tenantId, String projection, Map<String, StoredFold> folds) {
        delegate.storeAll(tenantId, projection, folds);
    }

    @Override
    public int generation(TenantId tenantId, String projection, String aggregateKey) {
        return delegate.generation(tenantId, projection, aggregateKey);
    }

    @Override
    public Map<String, Long> versions(TenantId tenantId, String projection, Collection<String> aggregateKeys) {
        return delegate.versions(tenantId, projection, aggregateKeys);
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

    @Override
    public StrayPositions strayPositions(TenantId tenantId, String projection, String aggregateKey, long version) {
        return delegate.strayPositions(tenantId, projection, aggregateKey, version);
    }
}
