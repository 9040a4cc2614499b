package dev.foldwork.core.runtime.rebuild;

import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.runtime.CatchUp;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;

/**
 * The last generation a rebuild gave a projection's fold states or map records for one tenant,
 * kept in the fold store under the reserved tenant (as the state of that projection keyed by the
 * tenant; projection names are unique across folds and maps) with the generation as its version,
 * so it only grows. Every rebuild takes the next one, so what it writes outranks everything
 * stored before, whichever generation that was.
 */
final class ProjectionGenerations {
    private final FoldStore store;

    ProjectionGenerations(FoldStore store) {
        this.store = store;
    }

    synchronized int next(TenantId tenant, String projection) {
        long last = store.get(CatchUp.SYSTEM, projection, tenant.value()).map(StoredFold::version).orElse(0L);
        int next = Math.toIntExact(last + 1);
        store.store(CatchUp.SYSTEM, projection, tenant.value(), new StoredFold(Json.object(), new FoldCheckpoint(next, null, 0)));
        return next;
    }
}
