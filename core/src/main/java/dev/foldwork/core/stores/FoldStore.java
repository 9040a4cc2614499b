package dev.foldwork.core.stores;

import dev.foldwork.core.domain.TenantId;
import java.util.Optional;

/** Persisted fold states, one per tenant, fold and aggregate key; {@code get} returns the newest. */
public interface FoldStore {
    Optional<StoredFold> get(TenantId tenantId, String projection, String aggregateKey);

    void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold);
}
