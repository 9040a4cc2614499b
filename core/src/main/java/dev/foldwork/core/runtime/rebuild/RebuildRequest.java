package dev.foldwork.core.runtime.rebuild;

import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.TenantId;
import java.util.Objects;

/**
 * What an operator asked to rebuild: one projection of one tenant, or of one aggregate ({@code aggregateId}, may
 * be null; for a global fold, one of its keys).
 */
public record RebuildRequest(TenantId tenant, String projection, String aggregateId) {
    public RebuildRequest {
        Objects.requireNonNull(tenant, "tenant");
        Ids.name("projection", projection);
        if (aggregateId != null) {
            Ids.aggregateId("aggregateId", aggregateId);
        }
    }
}
