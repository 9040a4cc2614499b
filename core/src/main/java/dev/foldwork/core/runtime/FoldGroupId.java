package dev.foldwork.core.runtime;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.TenantId;
import java.util.Objects;

/**
 * The unit of ordering for folds: one aggregate of a pipeline (all its folds together), or one
 * key of a global fold (whose aggregate type is the fold's name). Its {@link #toString()} is the
 * Temporal workflow id {@code fold:{tenant}:{aggregateType}:{aggregateKey}}; the Redis mode names
 * the same group {@code {tenant}:fold:{pipeline}:{aggregateType}:{aggregateKey}}
 * ({@code JobGroups.fold}: the queue's groups start with their tenant).
 */
public record FoldGroupId(TenantId tenantId, String pipeline, AggregateType aggregateType, String aggregateKey) {
    public FoldGroupId {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Ids.aggregateId("aggregateKey", aggregateKey);
    }

    @Override
    public String toString() {
        return "fold:" + tenantId + ":" + aggregateType + ":" + aggregateKey;
    }
}
