package dev.foldwork.core.stores.memory;

import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Fold states in memory. Like a ReplacingMergeTree, the highest version wins. */
public final class MemoryFoldStore implements FoldStore {
    private record Key(TenantId tenantId, String projection, String aggregateKey) {
        Key {
            Ids.aggregateId("aggregateKey", aggregateKey);
        }
    }

    private final Map<Key, StoredFold> folds = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredFold> get(TenantId tenantId, String projection, String aggregateKey) {
        StoredFold fold = folds.get(new Key(tenantId, projection, aggregateKey));
        return fold == null ? Optional.empty() : Optional.of(new StoredFold(fold.state().deepCopy(), fold.checkpoint()));
    }

    @Override
    public void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold) {
        StoredFold copy = new StoredFold(fold.state().deepCopy(), fold.checkpoint());
        folds.merge(new Key(tenantId, projection, aggregateKey), copy,
                (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }
}
