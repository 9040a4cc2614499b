package dev.foldwork.core.runtime.rebuild;

import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.runtime.CatchUp;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;

/**
 * The last generation a rebuild gave a fold's states for one tenant, kept in the fold store under
 * the reserved tenant (as the state of that fold keyed by the tenant) with the generation as its
 * version, so it only grows. Every rebuild takes the next one, so its states outrank all states
 * stored before, whichever generation those were.
 */
final class FoldGenerations {
    private final FoldStore store;

    FoldGenerations(FoldStore store) {
        this.store = store;
    }

    synchronized int next(TenantId tenant, String fold) {
        long last = store.get(CatchUp.SYSTEM, fold, tenant.value()).map(StoredFold::version).orElse(0L);
        int next = Math.toIntExact(last + 1);
        store.store(CatchUp.SYSTEM, fold, tenant.value(), new StoredFold(Json.object(), new FoldCheckpoint(next, null, 0)));
        return next;
    }
}
